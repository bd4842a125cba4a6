package io.authstack.bff.ratelimit;

import java.net.InetAddress;

import io.authstack.bff.binding.ClientAddress;
import io.authstack.bff.metrics.RateLimitMeters.Limiter;
import io.github.bucket4j.BucketConfiguration;
import org.springframework.util.Assert;

/**
 * Calls of the accounts API (register, verify, resend, reset, confirm), limited per client address and per
 * email address in the same Redis token buckets as the login, with buckets of their own. Every one of these
 * calls can send an email or test a token: anti-automation keeps them from being a spam cannon or an oracle.
 *
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V2.4.1, V6.3.1 anti-automation</a>
 */
public final class AccountRateLimiter {

	private static final String DETAIL = "Too many account requests; try again later.";

	private final TokenBuckets buckets;

	private final BucketConfiguration perAddress;

	private final BucketConfiguration perEmail;

	AccountRateLimiter(TokenBuckets buckets, RateLimitProperties properties) {
		Assert.notNull(buckets, "buckets cannot be null");
		this.buckets = buckets;
		this.perAddress = TokenBuckets.configuration(properties.accountPerAddress());
		this.perEmail = TokenBuckets.configuration(properties.accountPerEmail());
	}

	/** @throws RateLimitedException when the address has used up its account calls */
	public void checkAddress(InetAddress address) {
		this.buckets.consume(Limiter.ACCOUNT_ADDRESS, "rl:account:ip:" + ClientAddress.network(address), this.perAddress, DETAIL);
	}

	/** @throws RateLimitedException when the email address has used up its account calls */
	public void checkEmail(String email) {
		this.buckets.consume(Limiter.ACCOUNT_EMAIL, "rl:account:email:" + TokenBuckets.hashed(email), this.perEmail, DETAIL);
	}

}
