package io.authstack.bff.ratelimit;

import java.net.InetAddress;

import io.authstack.bff.binding.ClientAddress;
import io.github.bucket4j.BucketConfiguration;
import org.springframework.util.Assert;

/**
 * Login attempts, limited in Redis token buckets shared by every BFF replica: one per client address, one per
 * username. Usernames are hashed in the key, so Redis holds no list of who tried to log in.
 *
 * @see <a href="https://bucket4j.com/">Bucket4j</a>
 */
public final class LoginRateLimiter {

	private static final String DETAIL = "Too many login attempts; try again later.";

	private final TokenBuckets buckets;

	private final BucketConfiguration perAddress;

	private final BucketConfiguration perUsername;

	LoginRateLimiter(TokenBuckets buckets, RateLimitProperties properties) {
		Assert.notNull(buckets, "buckets cannot be null");
		this.buckets = buckets;
		this.perAddress = TokenBuckets.configuration(properties.perAddress());
		this.perUsername = TokenBuckets.configuration(properties.perUsername());
	}

	/** @throws RateLimitedException when the address has used up its attempts */
	public void checkAddress(InetAddress address) {
		this.buckets.consume("rl:login:ip:" + ClientAddress.network(address), this.perAddress, DETAIL);
	}

	/** @throws RateLimitedException when the username has used up its attempts */
	public void checkUsername(String username) {
		this.buckets.consume("rl:login:user:" + TokenBuckets.hashed(username), this.perUsername, DETAIL);
	}

}
