package io.authstack.bff.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Anti-automation of the accounts API (per address, per email), and the time its "maybe" answers take. */
class AccountRateLimitIT extends AccountsIntegrationTest {

	private static final Logger logger = LoggerFactory.getLogger(AccountRateLimitIT.class);

	@Test
	void resetRequestsForOneEmailBeyondTheLimitAreRateLimitedFromAnyAddress() {
		String email = freshEmail();
		for (int i = 0; i < EMAIL_CAPACITY; i++) {
			assertThat(post("/api/accounts/reset-password", Map.of("email", email), freshAddress()).status())
				.isEqualTo(202);
		}

		Browser.Response limited = post("/api/accounts/reset-password", Map.of("email", email.toUpperCase()),
				freshAddress());

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("rate_limited");
		assertThat(limited.header("Retry-After")).isPresent();
	}

	@Test
	void tokenGuessesFromOneAddressBeyondTheLimitAreRateLimited() {
		String address = freshAddress();
		for (int i = 0; i < ADDRESS_CAPACITY; i++) {
			assertThat(post("/api/accounts/verify-email", Map.of("token", "guess-" + i), address).code())
				.isEqualTo("invalid_token");
		}

		Browser.Response limited = post("/api/accounts/verify-email", Map.of("token", "one more guess"), address);

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("rate_limited");
		assertThat(post("/api/accounts/verify-email", Map.of("token", "guess"), freshAddress()).code())
			.isEqualTo("invalid_token");
	}

	@Test
	void resetForKnownAndUnknownEmailsTakesAboutTheSameTime() {
		int tries = 20;
		List<String> known = new ArrayList<>();
		for (int i = 0; i < tries / EMAIL_CAPACITY; i++) {
			known.add(newUser().username() + "@example.test");
		}
		List<Long> knownMillis = new ArrayList<>();
		List<Long> unknownMillis = new ArrayList<>();
		for (int i = 0; i < tries; i++) {
			knownMillis.add(timedReset(known.get(i % known.size())));
			unknownMillis.add(timedReset(freshEmail()));
		}

		long knownMedian = median(knownMillis);
		long unknownMedian = median(unknownMillis);
		logger.info("Measured reset-password medians over {} tries each: known {} ms, unknown {} ms", tries,
				knownMedian, unknownMedian);
		assertThat(Math.abs(knownMedian - unknownMedian)).isLessThan(100);
	}

	private static long timedReset(String email) {
		long start = System.nanoTime();
		Browser.Response answer = post("/api/accounts/reset-password", Map.of("email", email), freshAddress());
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(answer.status()).isEqualTo(202);
		return millis;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
