package io.authstack.bff.it;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** The redirect login: authorization code with PKCE through Keycloak's own login page. */
class RedirectLoginIT extends BffIntegrationTest {

	private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	@Test
	void redirectLoginWithPkceSetsBothCookiesAndLandsOnReturnTo() {
		User user = newUser();
		Browser bff = browser();

		Browser.Response start = bff.get("/api/auth/login?returnTo=/dashboard%3Ftab%3D2");

		assertThat(start.status()).isEqualTo(302);
		URI authorization = URI.create(start.header("Location").orElseThrow());
		var query = UriComponentsBuilder.fromUri(authorization).build().getQueryParams();
		assertThat(authorization.toString()).startsWith(KEYCLOAK.realmUrl("authstack") + "/protocol/openid-connect/auth");
		assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
		assertThat(query.getFirst("code_challenge")).hasSize(43);
		assertThat(query.getFirst("state")).hasSizeGreaterThanOrEqualTo(43);
		assertThat(query.getFirst("nonce")).hasSizeGreaterThanOrEqualTo(43);
		Browser.SetCookie loginCookie = start.setCookie("__Host-Http-login").orElseThrow();
		assertThat(loginCookie.has("HttpOnly")).isTrue();
		assertThat(loginCookie.has("Secure")).isTrue();
		assertThat(loginCookie.attribute("SameSite")).contains("Lax");

		URI callback = URI.create(keycloakLogin(authorization, user).header("Location").orElseThrow());
		assertThat(callback.toString()).startsWith(ORIGIN + "/api/auth/callback?");
		Browser.Response finish = bff.get(callback.getRawPath() + "?" + callback.getRawQuery());

		assertThat(finish.status()).isEqualTo(302);
		assertThat(finish.header("Location")).contains(ORIGIN + "/dashboard?tab=2");
		assertThat(finish.header("Cache-Control")).contains("no-store");
		for (String name : new String[] { ACCESS_COOKIE, REFRESH_COOKIE }) {
			Browser.SetCookie cookie = finish.setCookie(name).orElseThrow();
			assertThat(cookie.has("HttpOnly")).isTrue();
			assertThat(cookie.has("Secure")).isTrue();
			assertThat(cookie.attribute("SameSite")).contains("Strict");
			assertThat(cookie.size()).isLessThanOrEqualTo(4096);
		}
		assertThat(finish.setCookie("__Host-Http-login")).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
		assertThat(bff.session().json().get("username").asString()).isEqualTo(user.username());
	}

	@Test
	void callbackWithAStateThatIsNotThisBrowsersIsRefused() {
		User user = newUser();
		Browser bff = browser();
		URI authorization = URI.create(bff.get("/api/auth/login").header("Location").orElseThrow());
		URI callback = URI.create(keycloakLogin(authorization, user).header("Location").orElseThrow());
		String forgedQuery = callback.getRawQuery().replaceFirst("state=[^&]+", "state=forged");

		Browser.Response finish = bff.get(callback.getRawPath() + "?" + forgedQuery);

		assertThat(finish.status()).isEqualTo(400);
		assertThat(finish.code()).isEqualTo("invalid_request");
		assertThat(finish.setCookie(ACCESS_COOKIE)).isEmpty();
		assertThat(bff.session().status()).isEqualTo(401);
	}

	@Test
	void callbackInAnotherBrowserThanTheOneThatStartedTheLoginIsRefused() {
		User user = newUser();
		URI authorization = URI.create(browser().get("/api/auth/login").header("Location").orElseThrow());
		URI callback = URI.create(keycloakLogin(authorization, user).header("Location").orElseThrow());

		Browser.Response finish = browser().get(callback.getRawPath() + "?" + callback.getRawQuery());

		assertThat(finish.status()).isEqualTo(400);
		assertThat(finish.setCookie(ACCESS_COOKIE)).isEmpty();
	}

	@Test
	void loginWithTheGoogleProviderGoesStraightToKeycloaksGoogleBroker() {
		Browser.Response start = browser().get("/api/auth/login?provider=google&returnTo=/");

		URI authorization = URI.create(start.header("Location").orElseThrow());
		assertThat(UriComponentsBuilder.fromUri(authorization).build().getQueryParams().getFirst("kc_idp_hint"))
			.isEqualTo("google");
		Browser.Response atKeycloak = new Browser(KEYCLOAK.baseUrl(), USER_AGENT)
			.get(authorization.getRawPath() + "?" + authorization.getRawQuery());
		assertThat(atKeycloak.status()).isBetween(302, 303);
		assertThat(atKeycloak.header("Location")).hasValueSatisfying(
				(location) -> assertThat(location).contains("/realms/authstack/broker/google/"));
	}

	@Test
	void loginWithAnUnknownProviderIsAnInvalidRequest() {
		Browser.Response start = browser().get("/api/auth/login?provider=saml-somewhere");

		assertThat(start.status()).isEqualTo(400);
		assertThat(start.code()).isEqualTo("invalid_request");
		assertThat(start.header("Location")).isEmpty();
	}

	@Test
	void returnToOutsideThisSiteIsRefusedAsAnOpenRedirect() {
		for (String target : new String[] { "https://evil.example/", "//evil.example", "/\\evil.example",
				"javascript:alert(1)" }) {
			Browser.Response start = browser()
				.get("/api/auth/login?returnTo=" + URLEncoder.encode(target, StandardCharsets.UTF_8));

			assertThat(start.status()).as(target).isEqualTo(400);
			assertThat(start.code()).isEqualTo("invalid_request");
			assertThat(start.header("Location")).isEmpty();
		}
	}

	/** Keycloak's login page, filled in and posted as a person would; answers Keycloak's redirect. */
	private static Browser.Response keycloakLogin(URI authorization, User user) {
		Browser keycloakSide = new Browser(KEYCLOAK.baseUrl(), USER_AGENT);
		Browser.Response page = keycloakSide.get(authorization.toString());
		assertThat(page.status()).isEqualTo(200);
		Matcher form = LOGIN_FORM.matcher(page.body());
		assertThat(form.find()).as("Keycloak login form").isTrue();
		String action = form.group(1).replace("&amp;", "&");
		Browser.Response posted = keycloakSide.sendForm(action,
				"username=" + URLEncoder.encode(user.username(), StandardCharsets.UTF_8) + "&password="
						+ URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
		assertThat(posted.status()).as(posted.body()).isEqualTo(302);
		return posted;
	}

}
