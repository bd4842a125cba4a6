package io.authstack.bff.it;

import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers drop a cookie over 4096 bytes (name and value) without a word: a user with long non-ASCII names must
 * still get a working session, never a login that silently does not stick.
 */
class LongNamesIT extends BffIntegrationTest {

	/** 100 CJK characters: 300 bytes of UTF-8 each, in the token's given, family and full name. */
	private static final String LONG_NAME = "漢".repeat(100);

	@Test
	void aUserWithHundredCharacterCjkNamesGetsCookiesWithinTheBrowsersLimitAndAWorkingSession() {
		User user = newUser();
		KEYCLOAK_API.adminPut("/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + user.id(),
				Map.of("firstName", LONG_NAME, "lastName", LONG_NAME, "email", user.username() + "@example.test"));
		Browser browser = browser();

		Browser.Response login = browser.login(user.username(), PASSWORD);

		assertThat(login.status()).isEqualTo(200);
		assertThat(login.setCookie(ACCESS_COOKIE)).hasValueSatisfying((cookie) -> assertThat(cookie.size()).isLessThanOrEqualTo(4096));
		assertThat(login.setCookie(REFRESH_COOKIE)).hasValueSatisfying((cookie) -> assertThat(cookie.size()).isLessThanOrEqualTo(4096));
		assertThat(browser.session().status()).isEqualTo(200);
		// Measured 3811 bytes: 285 to spare.
		System.out.println("Access cookie with 100-character CJK names: " + login.setCookie(ACCESS_COOKIE).get().size() + " bytes");
	}

	@Test
	void namesTooLongForAnyCookieGetAClearProblemAndNoHalfSession() {
		User user = newUser();
		KEYCLOAK_API.adminPut("/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + user.id(), Map.of("firstName",
				"漢".repeat(250), "lastName", "漢".repeat(250), "email", user.username() + "@example.test"));

		Browser.Response login = browser().login(user.username(), PASSWORD);

		assertThat(login.status()).isEqualTo(422);
		assertThat(login.code()).isEqualTo("session_too_large");
		assertThat(login.setCookies()).isEmpty();
	}

}
