package io.authstack.bff.it;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Without Redis no revocation can be checked: the BFF refuses (503, Retry-After) and recovers by itself. */
class RedisOutageIT extends BffIntegrationTest {

	@AfterEach
	void redisIsBack() {
		REDIS.start();
	}

	@Test
	void redisDownThenSessionChecksFailClosedWith503AndRecoverWhenItReturns() {
		Browser browser = loggedIn(newUser());
		assertThat(browser.session().status()).isEqualTo(200);

		REDIS.stop();

		Browser.Response session = browser.session();
		assertThat(session.status()).isEqualTo(503);
		assertThat(session.code()).isEqualTo("upstream_unavailable");
		assertThat(session.header("Retry-After")).isPresent();
		Browser.Response refresh = browser.frozen().refresh();
		assertThat(refresh.status()).isEqualTo(503);
		assertThat(refresh.header("Retry-After")).isPresent();

		REDIS.start();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> browser.session().status() == 200);
		assertThat(browser.refresh().status()).isEqualTo(200);
	}

}
