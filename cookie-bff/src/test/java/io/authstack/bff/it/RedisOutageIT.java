package io.authstack.bff.it;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without Redis no revocation can be checked and no login rate limit counted: the BFF refuses (503,
 * Retry-After) and recovers by itself.
 */
class RedisOutageIT extends BffIntegrationTest {

	@AfterEach
	void redisIsBack() {
		REDIS.start();
		// The next test logs in at once: wait until the login rate limits' own pool has reconnected too.
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> browser().send("/api/auth/login", "GET", null, java.util.Map.of("X-Forwarded-For", "192.0.2.250"))
				.status() == 302);
	}

	@Test
	void redisDownThenSessionChecksAndLoginsFailClosedWith503AndRecoverWhenItReturns() {
		Browser browser = loggedIn(newUser());
		assertThat(browser.session().status()).isEqualTo(200);
		User other = newUser();

		REDIS.stop();

		Browser.Response session = browser.session();
		assertThat(session.status()).isEqualTo(503);
		assertThat(session.code()).isEqualTo("upstream_unavailable");
		assertThat(session.header("Retry-After")).isPresent();
		Browser.Response refresh = browser.frozen().refresh();
		assertThat(refresh.status()).isEqualTo(503);
		assertThat(refresh.header("Retry-After")).isPresent();
		Browser.Response login = browser().login(other.username(), PASSWORD);
		assertThat(login.status()).isEqualTo(503);
		assertThat(login.code()).isEqualTo("upstream_unavailable");

		REDIS.start();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> browser.session().status() == 200);
		assertThat(browser.refresh().status()).isEqualTo(200);
		// The login rate limits have a Redis connection pool of their own: it recovers too.
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> browser().login(other.username(), PASSWORD).status() == 200);
	}

	@Test
	void logoutWhileRedisIsDownStillEndsTheKeycloakSessionAndClearsTheCookiesThenSays503() {
		User user = newUser();
		Browser browser = loggedIn(user);
		assertThat(keycloakSessions(user)).isEqualTo(1);

		REDIS.stop();
		Browser.Response logout = browser.logout();

		assertThat(logout.status()).isEqualTo(503);
		assertThat(logout.code()).isEqualTo("upstream_unavailable");
		assertThat(logout.setCookie(ACCESS_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
		assertThat(logout.setCookie(REFRESH_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
		assertThat(keycloakSessions(user)).isZero();
	}

}
