package io.authstack.bff.it;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Logout ends the session at Keycloak, in Redis and in the browser. */
class LogoutIT extends BffIntegrationTest {

	@Test
	void logoutWhenAccessTokenStillUnexpiredThenOldCookiesAreRefused() {
		User user = newUser();
		Browser browser = loggedIn(user);
		Browser stolen = browser.frozen();
		Instant expiresAt = Instant.parse(browser.session().json().get("expiresAt").asString());

		Browser.Response logout = browser.logout();

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.header("Clear-Site-Data")).contains("\"cookies\"");
		assertThat(logout.header("Cache-Control")).contains("no-store");
		assertThat(logout.setCookie(ACCESS_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
		assertThat(logout.setCookie(REFRESH_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
		assertThat(browser.cookie(ACCESS_COOKIE)).isEmpty();
		assertThat(expiresAt).isAfter(Instant.now());
		Browser.Response replayedSession = stolen.session();
		assertThat(replayedSession.status()).isEqualTo(401);
		assertThat(replayedSession.code()).isEqualTo("revoked");
		assertThat(stolen.refresh().status()).isEqualTo(401);
		assertThat(keycloakSessions(user)).isZero();
	}

	@Test
	void logoutOfOneSessionLeavesTheUsersOtherSessionAlone() {
		User user = newUser();
		Browser laptop = loggedIn(user);
		Browser phone = loggedIn(user);

		assertThat(laptop.logout().status()).isEqualTo(204);

		assertThat(phone.session().status()).isEqualTo(200);
		assertThat(laptop.session().status()).isEqualTo(401);
	}

	@Test
	void logoutWithoutASessionStillAnswers204() {
		Browser.Response logout = browser().logout();

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.header("Clear-Site-Data")).contains("\"cookies\"");
	}

}
