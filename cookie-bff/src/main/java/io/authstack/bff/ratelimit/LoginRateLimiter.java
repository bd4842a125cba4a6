package io.authstack.bff.ratelimit;

import java.net.InetAddress;

import io.authstack.bff.binding.ClientAddress;
import io.authstack.bff.metrics.RateLimitMeters.Limiter;
import io.github.bucket4j.BucketConfiguration;
import org.springframework.util.Assert;

/**
 * Login attempts, limited in Redis token buckets shared by every BFF replica: every attempt per client address,
 * and wrong passwords per username and network ({@link ClientAddress#site}: IPv4 /24, IPv6 /64). Only failures
 * spend a username's budget, and only from the network they came from: wrong passwords sent from elsewhere
 * never keep the owner from logging in. Usernames are hashed in the key, so Redis holds no list of who tried to
 * log in.
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
		this.buckets.consume(Limiter.LOGIN_ADDRESS, "rl:login:ip:" + ClientAddress.network(address), this.perAddress, DETAIL);
	}

	/**
	 * Takes a failure from the username's budget on this network before the password is checked, so that
	 * concurrent guesses cannot overrun it; {@link #refundFailure} gives it back when the attempt was no failure.
	 * @throws RateLimitedException when the username has failed too often from this network
	 */
	public void claimFailure(String username, InetAddress address) {
		this.buckets.consume(Limiter.LOGIN_USERNAME, failuresKey(username, address), this.perUsername, DETAIL);
	}

	/** The attempt {@link #claimFailure} counted was no wrong password: a login, or a refusal that needed the password. */
	public void refundFailure(String username, InetAddress address) {
		this.buckets.refund(failuresKey(username, address), this.perUsername);
	}

	private static String failuresKey(String username, InetAddress address) {
		return "rl:login:failures:" + TokenBuckets.hashed(username) + ":" + ClientAddress.site(address);
	}

}
