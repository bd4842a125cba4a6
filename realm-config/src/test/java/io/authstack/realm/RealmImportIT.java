package io.authstack.realm;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm as ops deploy it, imported into a real Keycloak built with our providers.
 */
class RealmImportIT {

	private static final String BFF_CLIENT = "authstack-bff";

	private static final String DEV_BFF_SECRET = "dev-only-bff-client-secret-change-me";

	private static KeycloakServer keycloak;

	private static KeycloakApi api;

	@BeforeAll
	static void startKeycloak() {
		keycloak = TestKeycloak.get();
		api = new KeycloakApi(keycloak);
	}

	@Test
	void realmIsImportedWithItsIssuer() {
		JsonNode discovery = api.get("/realms/authstack/.well-known/openid-configuration");

		assertThat(discovery.get("issuer").asString()).isEqualTo(keycloak.realmUrl(AuthstackKeycloak.REALM));
	}

	@Test
	void userLoginThroughTheBffClientGetsAnRs256AccessTokenFromTheRealm() {
		api.createUser(AuthstackKeycloak.REALM, "ada", "ada@example.test", "correct horse battery staple");

		JsonNode tokens = api.passwordGrant(AuthstackKeycloak.REALM, BFF_CLIENT, DEV_BFF_SECRET, "ada",
				"correct horse battery staple");

		String[] jwt = tokens.get("access_token").asString().split("\\.");
		assertThat(jwt).hasSize(3);
		assertThat(decode(jwt[0]).get("alg").asString()).isEqualTo("RS256");
		JsonNode claims = decode(jwt[1]);
		assertThat(claims.get("iss").asString()).isEqualTo(keycloak.realmUrl(AuthstackKeycloak.REALM));
		assertThat(claims.get("azp").asString()).isEqualTo(BFF_CLIENT);
		assertThat(claims.get("preferred_username").asString()).isEqualTo("ada");
	}

	@Test
	void ourProvidersJarIsDeployed() {
		JsonNode emailThemes = api.adminGet("/admin/serverinfo").get("themes").get("email");

		assertThat(emailThemes.findValuesAsString("name")).contains("authstack");
	}

	@Test
	void realmSendsItsEmailsWithOurTheme() {
		JsonNode realm = api.adminGet("/admin/realms/authstack");

		assertThat(realm.get("emailTheme").asString()).isEqualTo("authstack");
	}

	/**
	 * The BFF owns password reset (rate limits, no enumeration, its own links); Keycloak's "Forgot password?"
	 * would mail reset links around all of it.
	 */
	@Test
	void keycloaksOwnForgotPasswordIsOffOnTheLoginPageAndAtItsEndpoint() throws IOException, InterruptedException {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String callback = URLEncoder.encode("http://localhost:8080/api/auth/callback", StandardCharsets.UTF_8);

		HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(
				AuthstackKeycloak.REALM) + "/protocol/openid-connect/auth?client_id=" + BFF_CLIENT
				+ "&response_type=code&scope=openid&redirect_uri=" + callback
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> resetForm = browser.send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(
				AuthstackKeycloak.REALM) + "/login-actions/reset-credentials?client_id=" + BFF_CLIENT)).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(loginPage.statusCode()).isEqualTo(200);
		assertThat(loginPage.body()).contains("name=\"password\"").doesNotContain("reset-credentials");
		assertThat(resetForm.statusCode()).isEqualTo(400);
		assertThat(resetForm.body()).doesNotContain("name=\"username\"");
		assertThat(api.adminGet("/admin/realms/authstack").get("resetPasswordAllowed").asBoolean()).isFalse();
	}

	static JsonNode decode(String base64Url) {
		String json = new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(json);
	}

}
