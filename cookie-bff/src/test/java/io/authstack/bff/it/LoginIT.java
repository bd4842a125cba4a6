package io.authstack.bff.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Password login through Keycloak's direct grant, and asking who is logged in. */
class LoginIT extends BffIntegrationTest {

	private static final Logger logger = LoggerFactory.getLogger(LoginIT.class);

	@Test
	void loginSetsBothCookiesWithEveryAttributeAndUnder4096Bytes() {
		User user = newUser();

		Browser.Response login = browser().login(user.username(), PASSWORD);

		assertThat(login.status()).isEqualTo(200);
		assertThat(login.header("Cache-Control")).contains("no-store");
		Browser.SetCookie access = login.setCookie(ACCESS_COOKIE).orElseThrow();
		Browser.SetCookie refresh = login.setCookie(REFRESH_COOKIE).orElseThrow();
		assertThat(access.attribute("Path")).contains("/");
		assertThat(refresh.attribute("Path")).contains("/api/auth");
		for (Browser.SetCookie cookie : new Browser.SetCookie[] { access, refresh }) {
			assertThat(cookie.has("HttpOnly")).as(cookie.name() + " HttpOnly").isTrue();
			assertThat(cookie.has("Secure")).as(cookie.name() + " Secure").isTrue();
			assertThat(cookie.attribute("SameSite")).as(cookie.name() + " SameSite").contains("Strict");
			assertThat(cookie.has("Domain")).as(cookie.name() + " Domain").isFalse();
			assertThat(cookie.size()).as(cookie.name() + " size").isLessThanOrEqualTo(4096);
			assertThat(cookie.value().split("\\.", -1)).as("compact JWE").hasSize(5);
		}
		// Max-Age is the wrapped token's remaining life: the realm's 300 s access and 1800 s idle lifespans.
		assertThat(access.maxAge()).isBetween(290L, 300L);
		assertThat(refresh.maxAge()).isBetween(1790L, 1800L);
		logger.info("Measured cookie sizes (name + value): access {} B, refresh {} B", access.size(), refresh.size());
	}

	@Test
	void sessionAfterLoginTellsWhoIsLoggedInAndNothingMore() {
		User user = newUser();
		Browser browser = loggedIn(user);

		Browser.Response session = browser.session();

		assertThat(session.status()).isEqualTo(200);
		assertThat(session.header("Cache-Control")).contains("no-store");
		assertThat(session.json().get("sub").asString()).isEqualTo(user.id());
		assertThat(session.json().get("username").asString()).isEqualTo(user.username());
		assertThat(session.json().get("email").asString()).isEqualTo(user.username() + "@example.test");
		assertThat(session.json().get("roles").valueStream().map((r) -> r.asString())).contains("user");
		assertThat(session.json().get("expiresAt").asString()).isNotBlank();
		assertThat(session.body()).doesNotContain("eyJ");
	}

	@Test
	void sessionChecksInARowAllSucceedAndTheirCostIsMeasured() {
		Browser browser = loggedIn(newUser());
		int checks = 200;
		long start = System.nanoTime();
		for (int i = 0; i < checks; i++) {
			assertThat(browser.session().status()).isEqualTo(200);
		}
		long micros = (System.nanoTime() - start) / 1_000 / checks;
		// Round trip over loopback: JWE open, RS256 verify (cached JWKS), one MGET, binding, JSON.
		logger.info("Measured cost of GET /api/auth/session: {} us per request over {} requests", micros, checks);
	}

	@Test
	void sessionWithoutCookiesIsA401Problem() {
		Browser.Response session = browser().session();

		assertThat(session.status()).isEqualTo(401);
		assertThat(session.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type)
			.startsWith("application/problem+json"));
		assertThat(session.code()).isEqualTo("session_expired");
	}

	@Test
	void loginWithAWrongPasswordIsInvalidCredentialsAndSetsNoCookie() {
		User user = newUser();

		Browser.Response login = browser().login(user.username(), "not the password at all");

		assertThat(login.status()).isEqualTo(401);
		assertThat(login.code()).isEqualTo("invalid_credentials");
		assertThat(login.setCookies()).isEmpty();
	}

	@Test
	void loginWithoutTheCsrfHeaderIsRejected() {
		User user = newUser();

		Browser.Response login = browser().send("/api/auth/login", "POST",
				Map.of("username", user.username(), "password", PASSWORD), Map.of("Origin", ORIGIN));

		assertThat(login.status()).isEqualTo(403);
		assertThat(login.code()).isEqualTo("csrf_rejected");
		assertThat(login.setCookies()).isEmpty();
	}

	@Test
	void loginFromAForeignOriginIsRejected() {
		User user = newUser();

		Browser.Response login = browser().send("/api/auth/login", "POST",
				Map.of("username", user.username(), "password", PASSWORD),
				Map.of("Origin", "https://evil.example", "X-CSRF", "1"));

		assertThat(login.status()).isEqualTo(403);
		assertThat(login.code()).isEqualTo("csrf_rejected");
	}

	@Test
	void logoutWithoutTheCsrfHeaderIsRejectedAndTheSessionStays() {
		Browser browser = loggedIn(newUser());

		Browser.Response logout = browser.send("/api/auth/logout", "POST", null, Map.of("Origin", ORIGIN));

		assertThat(logout.status()).isEqualTo(403);
		assertThat(logout.code()).isEqualTo("csrf_rejected");
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void malformedLoginBodyIsA400ProblemNotA500() {
		Browser.Response login = browser().post("/api/auth/login", "{\"username\": ");
		Browser.Response blank = browser().post("/api/auth/login", Map.of("username", "", "password", ""));

		assertThat(login.status()).isEqualTo(400);
		assertThat(login.code()).isEqualTo("invalid_request");
		assertThat(blank.status()).isEqualTo(400);
	}

}
