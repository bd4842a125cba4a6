package io.authstack.bff.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import io.authstack.bff.metrics.RateLimitMeters;
import io.authstack.bff.metrics.RedisMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.Assert;

/**
 * The Bucket4j buckets in Redis every limiter of the BFF takes from: one consume per call, compare-and-swap,
 * shared by every replica. Redis unreachable ⇒ the call is refused (fail closed).
 *
 * @see <a href="https://bucket4j.com/">Bucket4j</a>
 */
final class TokenBuckets {

	private static final Logger logger = LoggerFactory.getLogger(TokenBuckets.class);

	private final ProxyManager<String> buckets;

	private final RateLimitMeters limited;

	private final RedisMeters redis;

	TokenBuckets(ProxyManager<String> buckets, RateLimitMeters limited, RedisMeters redis) {
		Assert.notNull(buckets, "buckets cannot be null");
		Assert.notNull(limited, "limited cannot be null");
		Assert.notNull(redis, "redis cannot be null");
		this.buckets = buckets;
		this.limited = limited;
		this.redis = redis;
	}

	/** @throws RateLimitedException when the bucket of {@code limiter} under {@code key} is empty */
	void consume(RateLimitMeters.Limiter limiter, String key, BucketConfiguration configuration, String detail) {
		ConsumptionProbe probe;
		try {
			probe = this.redis.timed(RedisMeters.Client.RATE_LIMITS,
					() -> this.buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1));
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemCode.UPSTREAM_UNAVAILABLE,
					"The rate-limit store is unavailable; try again shortly.", ex);
		}
		if (!probe.isConsumed()) {
			this.limited.limited(limiter);
			throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()), detail);
		}
	}

	/**
	 * Gives back a token {@link #consume} took, never beyond the bucket's capacity. Best effort: with Redis
	 * unreachable the token stays spent, as if the attempt had failed.
	 */
	void refund(String key, BucketConfiguration configuration) {
		try {
			this.redis.timed(RedisMeters.Client.RATE_LIMITS, () -> {
				this.buckets.builder().build(key, () -> configuration).addTokens(1);
				return null;
			});
		}
		catch (RuntimeException ex) {
			logger.warn("Could not give back a rate-limit token: {}", ex.toString());
		}
	}

	static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
		return BucketConfiguration.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
			.build();
	}

	/** A key part that names a person without Redis holding a list of who tried: SHA-256, case folded. */
	static String hashed(String identifier) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(identifier.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
