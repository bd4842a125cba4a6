package io.authstack.bff.it;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Login attempts are limited per client address and per username, in Redis, with 429 and Retry-After. */
class RateLimitIT extends BffIntegrationTest {

	static final int ADDRESS_CAPACITY = 100;

	static final int USERNAME_CAPACITY = 3;

	@Test
	void passwordAttemptsForOneUsernameBeyondTheLimitAreRateLimitedEvenWithTheRightPassword() {
		User user = newUser();
		for (int attempt = 0; attempt < USERNAME_CAPACITY; attempt++) {
			assertThat(browser().login(user.username(), "wrong password " + attempt).code())
				.isEqualTo("invalid_credentials");
		}

		Browser.Response limited = browser().login(user.username().toUpperCase(java.util.Locale.ROOT), PASSWORD);

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("rate_limited");
		assertThat(limited.header("Retry-After")).hasValueSatisfying((s) -> assertThat(Long.parseLong(s)).isPositive());
		assertThat(limited.setCookies()).isEmpty();
	}

	@Test
	void loginsFromOneAddressBeyondTheLimitAreRateLimitedAndOtherAddressesAreNot() {
		int allowed = 0;
		Browser.Response answer = startLoginFrom("203.0.113.77");
		while (answer.status() == 302 && allowed <= 2 * ADDRESS_CAPACITY) {
			allowed++;
			answer = startLoginFrom("203.0.113.77");
		}

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.code()).isEqualTo("rate_limited");
		assertThat(answer.header("Retry-After")).isPresent();
		// The bucket refills evenly, so a few more than its capacity pass while the loop runs.
		assertThat(allowed).isBetween(ADDRESS_CAPACITY, ADDRESS_CAPACITY + 10);
		assertThat(startLoginFrom("203.0.113.78").status()).isEqualTo(302);
	}

	@Test
	void addressesOfOneIpv6Slash64ShareOneBucketAndTheNextSlash64HasItsOwn() {
		int allowed = 0;
		Browser.Response answer = startLoginFrom("2001:db8:77:1::1");
		while (answer.status() == 302 && allowed <= 2 * ADDRESS_CAPACITY) {
			allowed++;
			// Every attempt from a fresh address of the same /64, as one subscriber can.
			answer = startLoginFrom("2001:db8:77:1:" + Integer.toHexString(allowed) + "::" + Integer.toHexString(allowed));
		}

		assertThat(answer.status()).isEqualTo(429);
		assertThat(allowed).isBetween(ADDRESS_CAPACITY, ADDRESS_CAPACITY + 10);
		assertThat(startLoginFrom("2001:db8:77:2::1").status()).isEqualTo(302);
	}

	private static Browser.Response startLoginFrom(String address) {
		return browser().send("/api/auth/login", "GET", null, Map.of("X-Forwarded-For", address));
	}

}
