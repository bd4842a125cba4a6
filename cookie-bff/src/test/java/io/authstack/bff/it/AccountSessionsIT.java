package io.authstack.bff.it;

import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in user sees where they are signed in, and signs another browser out, or every browser. */
class AccountSessionsIT extends BffIntegrationTest {

	@Test
	void theUserSeesBothOfTheirSessionsWithTheirNetworkMaskedAndWhichOneIsThisBrowser() {
		User user = newUser();
		Browser laptop = loggedIn(user);
		loggedIn(user);

		Browser.Response list = laptop.get("/api/account/sessions");

		assertThat(list.status()).isEqualTo(200);
		JsonNode sessions = list.json();
		assertThat(sessions.size()).isEqualTo(2);
		assertThat(sessions.valueStream().filter((s) -> s.get("current").asBoolean()).count()).isEqualTo(1);
		assertThat(sessions.get(0).get("network").asString()).isEqualTo("127.0.0.0/24");
		assertThat(sessions.get(0).get("started").asString()).isNotBlank();
		assertThat(list.body()).doesNotContain("127.0.0.1");
	}

	@Test
	void signingOutTheOtherBrowserMakesItsCookiesFailAtTheirNextRequest() {
		User user = newUser();
		Browser laptop = loggedIn(user);
		Browser phone = loggedIn(user);
		Browser stolenPhoneCookies = phone.frozen();
		String phoneSession = otherSession(laptop);

		Browser.Response signOut = laptop.send("/api/account/sessions/" + phoneSession, "DELETE", null,
				Map.of("Origin", ORIGIN, "X-CSRF", "1"));

		assertThat(signOut.status()).isEqualTo(204);
		Browser.Response after = phone.session();
		assertThat(after.status()).isEqualTo(401);
		assertThat(after.code()).isEqualTo("revoked");
		assertThat(stolenPhoneCookies.refresh().code()).isEqualTo("revoked");
		assertThat(laptop.session().status()).isEqualTo(200);
		assertThat(keycloakSessions(user)).isEqualTo(1);
	}

	@Test
	void anotherUsersSessionCannotBeSignedOutAndLooksLikeNone() {
		Browser mallory = loggedIn(newUser());
		User victim = newUser();
		Browser victimBrowser = loggedIn(victim);
		String victimSession = KEYCLOAK_API
			.adminGet("/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + victim.id() + "/sessions")
			.get(0)
			.get("id")
			.asString();

		Browser.Response attempt = mallory.send("/api/account/sessions/" + victimSession, "DELETE", null,
				Map.of("Origin", ORIGIN, "X-CSRF", "1"));

		assertThat(attempt.status()).isEqualTo(404);
		assertThat(attempt.code()).isEqualTo("not_found");
		assertThat(victimBrowser.session().status()).isEqualTo(200);
	}

	@Test
	void signingOutWithoutTheCsrfHeaderIsRefused() {
		User user = newUser();
		Browser laptop = loggedIn(user);
		Browser phone = loggedIn(user);

		Browser.Response forged = laptop.send("/api/account/sessions/" + otherSession(laptop), "DELETE", null,
				Map.of("Origin", ORIGIN));

		assertThat(forged.status()).isEqualTo(403);
		assertThat(forged.code()).isEqualTo("csrf_rejected");
		assertThat(phone.session().status()).isEqualTo(200);
	}

	@Test
	void logoutEverywhereEndsEverySessionAndClearsThisBrowsersCookies() {
		User user = newUser();
		Browser laptop = loggedIn(user);
		Browser phone = loggedIn(user);
		Browser stolenPhoneCookies = phone.frozen();

		Browser.Response everywhere = laptop.post("/api/auth/logout-everywhere", null);

		assertThat(everywhere.status()).isEqualTo(204);
		assertThat(laptop.cookie(ACCESS_COOKIE)).isEmpty();
		assertThat(phone.session().code()).isEqualTo("revoked");
		assertThat(stolenPhoneCookies.refresh().code()).isEqualTo("revoked");
		assertThat(keycloakSessions(user)).isZero();
	}

	@Test
	void theSessionListNeedsASession() {
		Browser.Response list = browser().get("/api/account/sessions");

		assertThat(list.status()).isEqualTo(401);
		assertThat(list.code()).isEqualTo("session_expired");
	}

	/** The id of the session in the list that is not this browser's. */
	private static String otherSession(Browser browser) {
		return browser.get("/api/account/sessions")
			.json()
			.valueStream()
			.filter((session) -> !session.get("current").asBoolean())
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
	}

}
