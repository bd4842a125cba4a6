package io.authstack.bff.it;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookie tossing: a sibling subdomain sets a second cookie of one of our names (a wider {@code Domain}, a
 * longer {@code Path}), hoping the BFF takes it for the victim's. Two cookies of one name are refused, so the
 * attacker can neither swap in its own session nor make the BFF pick one.
 */
class CookieTossingIT extends BffIntegrationTest {

	@Test
	void aSecondRefreshCookieTossedInBesideTheVictimsIsRefusedAndNeitherSessionRotates() {
		Browser victim = loggedIn(newUser());
		Browser attacker = loggedIn(newUser());
		String victimsCookie = victim.cookie(REFRESH_COOKIE).orElseThrow();
		String attackersCookie = attacker.cookie(REFRESH_COOKIE).orElseThrow();

		// The tossed cookie has the longer path, so the browser sends it first.
		Browser.Response refresh = browser().send("/api/auth/refresh", "POST", null, Map.of("Origin", ORIGIN, "X-CSRF",
				"1", "Cookie", REFRESH_COOKIE + "=" + attackersCookie + "; " + REFRESH_COOKIE + "=" + victimsCookie));

		assertThat(refresh.status()).isEqualTo(400);
		assertThat(refresh.code()).isEqualTo("cookie_conflict");
		assertThat(refresh.setCookie(ACCESS_COOKIE)).isEmpty();
		assertThat(victim.refresh().status()).isEqualTo(200);
		assertThat(attacker.refresh().status()).isEqualTo(200);
	}

	@Test
	void aSecondAccessCookieIsRefusedOnEveryProtectedCall() {
		Browser victim = loggedIn(newUser());
		Browser attacker = loggedIn(newUser());

		Browser.Response session = browser().send("/api/auth/session", "GET", null,
				Map.of("Cookie", ACCESS_COOKIE + "=" + attacker.cookie(ACCESS_COOKIE).orElseThrow() + "; " + ACCESS_COOKIE
						+ "=" + victim.cookie(ACCESS_COOKIE).orElseThrow()));

		assertThat(session.status()).isEqualTo(400);
		assertThat(session.code()).isEqualTo("cookie_conflict");
		assertThat(victim.session().status()).isEqualTo(200);
	}

}
