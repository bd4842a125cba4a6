package io.authstack.worker.mail;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * Who sends which email, in Redis: key {@code email:<id>} holds {@code claimed:<worker>} while one
 * worker talks to SMTP (a lease: it expires if that worker dies), then {@code sent} once the server
 * accepted the message. A worker claims an id before SMTP ({@code SET NX PX}) and marks it sent after
 * the 250 reply, before it acks: a redelivered id that is marked sent is dropped.
 *
 * <p>The one window left is a crash between the 250 reply and the mark: the lease expires, the message
 * comes back and the same body is sent again (DESIGN.md, "Email and events").
 *
 * @see <a href="https://redis.io/docs/latest/commands/set/">Redis SET (NX, PX)</a>
 */
public final class EmailClaims {

	private static final String KEY_PREFIX = "email:";

	private static final String SENT = "sent";

	/** Deletes the key only while it still holds our claim, so we never release another worker's. */
	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private final StringRedisTemplate redis;

	private final Duration lease;

	private final Duration sentRetention;

	/** Tells this worker's claims from the others'. */
	private final String claimValue = "claimed:" + UUID.randomUUID();

	public EmailClaims(StringRedisTemplate redis, Duration lease, Duration sentRetention) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(lease, "lease cannot be null");
		Assert.notNull(sentRetention, "sentRetention cannot be null");
		this.redis = redis;
		this.lease = lease;
		this.sentRetention = sentRetention;
	}

	/**
	 * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
	 */
	public Claim claim(String id) {
		Boolean claimed = this.redis.opsForValue().setIfAbsent(key(id), this.claimValue, this.lease);
		if (Boolean.TRUE.equals(claimed)) {
			return Claim.CLAIMED;
		}
		return SENT.equals(this.redis.opsForValue().get(key(id))) ? Claim.ALREADY_SENT : Claim.HELD_ELSEWHERE;
	}

	/** Records that the SMTP server accepted the email; the claim becomes a long-lived "sent". */
	public void markSent(String id) {
		this.redis.opsForValue().set(key(id), SENT, this.sentRetention);
	}

	/** Gives the id back after a failed attempt, so that a retry may claim it at once. */
	public void release(String id) {
		this.redis.execute(RELEASE, List.of(key(id)), this.claimValue);
	}

	private static String key(String id) {
		return KEY_PREFIX + id;
	}

	/** The outcome of {@link #claim(String)}. */
	public enum Claim {

		/** This worker may send it now. */
		CLAIMED,

		/** Sent before: drop this delivery. */
		ALREADY_SENT,

		/** Another worker is sending it right now (or died doing so and its lease runs). */
		HELD_ELSEWHERE

	}

}
