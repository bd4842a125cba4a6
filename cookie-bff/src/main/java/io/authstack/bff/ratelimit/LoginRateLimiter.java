package io.authstack.bff.ratelimit;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.springframework.util.Assert;

/**
 * Token buckets in Redis (Bucket4j, compare-and-swap), shared by every BFF replica: one per client address,
 * one per username. Usernames are hashed in the key, so Redis holds no list of who tried to log in. Redis
 * unreachable ⇒ the attempt is refused (fail closed).
 *
 * @see <a href="https://bucket4j.com/">Bucket4j</a>
 */
public final class LoginRateLimiter {

	private final ProxyManager<String> buckets;

	private final BucketConfiguration perAddress;

	private final BucketConfiguration perUsername;

	public LoginRateLimiter(ProxyManager<String> buckets, RateLimitProperties properties) {
		Assert.notNull(buckets, "buckets cannot be null");
		this.buckets = buckets;
		this.perAddress = configuration(properties.perAddress());
		this.perUsername = configuration(properties.perUsername());
	}

	/** @throws RateLimitedException when the address has used up its attempts */
	public void checkAddress(InetAddress address) {
		consume("rl:login:ip:" + address.getHostAddress(), this.perAddress);
	}

	/** @throws RateLimitedException when the username has used up its attempts */
	public void checkUsername(String username) {
		consume("rl:login:user:" + sha256(username.toLowerCase(Locale.ROOT)), this.perUsername);
	}

	private void consume(String key, BucketConfiguration configuration) {
		ConsumptionProbe probe;
		try {
			probe = this.buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemCode.UPSTREAM_UNAVAILABLE,
					"The rate-limit store is unavailable; try again shortly.", ex);
		}
		if (!probe.isConsumed()) {
			throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
		return BucketConfiguration.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
			.build();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
