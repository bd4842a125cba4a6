package io.authstack.realm;

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

	private static JsonNode decode(String base64Url) {
		String json = new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(json);
	}

}
