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

	/** The oldest due job, now leased to the caller until {@code ARGV[2]}; nil when none is due. */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
			if #due == 0 then return false end
			redis.call('ZADD', KEYS[1], 'XX', ARGV[2], due[1])
			return due[1]
			""", String.class);

	/** Due again at {@code ARGV[1]}, unless it is gone (another relay published it after the lease ran out). */
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
	Optional<String> claim(Instant now, Duration lease) {
		return Optional.ofNullable(this.redis.execute(CLAIM, KEYS, Long.toString(now.toEpochMilli()),
				Long.toString(now.plus(lease).toEpochMilli())));
	}

	/** Hands a claimed job back, due at {@code now}: RabbitMQ did not take it. */
	void release(String job, Instant now) {
		this.redis.execute(RELEASE, KEYS, Long.toString(now.toEpochMilli()), job);
	}

	/** Forgets a job: RabbitMQ confirmed it, or it expired. */
	void remove(String job) {
		this.redis.opsForZSet().remove(EmailOutbox.KEY, job);
	}

}
