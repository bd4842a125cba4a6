package io.authstack.bff.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The outbox in Redis: one sorted set, {@value EmailOutbox#KEY}, whose members are the email jobs as they will be
 * published (their JSON, which carries the job's id) and whose scores are when each is due, in epoch milliseconds.
 * A relay claims the oldest due job atomically by pushing its score a lease into the future, so two relays (two BFF
 * replicas) never publish the same job at once; a job is removed only once RabbitMQ confirmed it. No TTL: Redis runs
 * with {@code noeviction}, so a job stays until it is published or has expired.
 */
@Component
final class OutboxStore {

	/** The oldest due job and when it was due, now leased to the caller until {@code ARGV[2]}; empty when none is. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLAIM = RedisScript.of("""
			local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, 1)
			if #due > 0 then redis.call('ZADD', KEYS[1], 'XX', ARGV[2], due[1]) end
			return due
			""", List.class);

	/** Due again when it was, unless it is gone (another relay published it after the lease ran out). */
	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"return redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[2])", Long.class);

	private static final List<String> KEYS = List.of(EmailOutbox.KEY);

	private final StringRedisTemplate redis;

	OutboxStore(StringRedisTemplate redis) {
		Assert.notNull(redis, "redis cannot be null");
		this.redis = redis;
	}

	/** Keeps a job, due at once. */
	void add(String job, Instant now) {
		this.redis.opsForZSet().add(EmailOutbox.KEY, job, now.toEpochMilli());
	}

	/** The oldest job due at {@code now}, leased to the caller for {@code lease}; empty when none is due. */
	Optional<Claim> claim(Instant now, Duration lease) {
		List<?> due = this.redis.execute(CLAIM, KEYS, Long.toString(now.toEpochMilli()),
				Long.toString(now.plus(lease).toEpochMilli()));
		if (due == null || due.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Claim((String) due.get(0), (String) due.get(1)));
	}

	/**
	 * Hands a claimed job back, due when it was: RabbitMQ did not take it, and it keeps its place before the jobs
	 * that came in after it.
	 */
	void release(Claim claim) {
		this.redis.execute(RELEASE, KEYS, claim.due(), claim.job());
	}

	/** Forgets a job: RabbitMQ confirmed it, or it expired. */
	void remove(Claim claim) {
		this.redis.opsForZSet().remove(EmailOutbox.KEY, claim.job());
	}

	/**
	 * A job a relay holds for the length of its lease.
	 *
	 * @param job the job, as it is published
	 * @param due its score before the claim, as Redis wrote it
	 */
	record Claim(String job, String due) {
	}

}
