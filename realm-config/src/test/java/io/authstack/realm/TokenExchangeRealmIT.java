package io.authstack.realm;

import java.util.List;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo API's pieces of the realm: the {@code demo-api} audience client, the optional {@code demo-api} client scope
 * of {@code authstack-bff}, and the BFF's standard token exchange. The realm file defines client scopes, so Keycloak
 * creates none of its own on import: the file carries Keycloak's defaults, and these tests hold it to them.
 */
class TokenExchangeRealmIT {

	private static final String REALM = AuthstackKeycloak.REALM;

	private static final String BFF = "authstack-bff";

	private static final String BFF_SECRET = AuthstackKeycloak.DEV_CLIENT_SECRETS.get("AUTHSTACK_BFF_CLIENT_SECRET");

	private static final String DEMO_API = "demo-api";

	private static final String PASSWORD = "correct horse battery staple";

	private static KeycloakApi api;

	private static String userId;

	private static String userAccessToken;

	@BeforeAll
	static void userSignedInThroughTheBff() {
		api = new KeycloakApi(TestKeycloak.get());
		userId = api.createUser(REALM, "exchange-user", "exchange-user@example.test", PASSWORD);
		userAccessToken = api.passwordGrant(REALM, BFF, BFF_SECRET, "exchange-user", PASSWORD)
			.get("access_token")
			.asString();
	}

	@Test
	void realmKeepsKeycloaksDefaultClientScopes() {
		assertThat(scopeNames("/default-default-client-scopes")).containsExactlyInAnyOrder("profile", "email", "roles",
				"web-origins", "acr", "basic");
		assertThat(scopeNames("/default-optional-client-scopes")).containsExactlyInAnyOrder("offline_access", "address",
				"phone", "microprofile-jwt", "organization");
		String account = clientUuid("account");
		assertThat(scopeNames("/clients/" + account + "/default-client-scopes")).containsExactlyInAnyOrder("profile",
				"email", "roles", "web-origins", "acr", "basic");
	}

	@Test
	void bffsOwnAccessTokenCarriesTheUserAndRolesButNotTheDemoApiAudience() {
		JsonNode claims = claims(userAccessToken);

		assertThat(claims.get("sub").asString()).isEqualTo(userId);
		assertThat(claims.get("preferred_username").asString()).isEqualTo("exchange-user");
		assertThat(claims.get("email").asString()).isEqualTo("exchange-user@example.test");
		assertThat(claims.get("name").asString()).isEqualTo("Test User");
		assertThat(claims.get("realm_access").get("roles").values()).extracting(JsonNode::asString).contains("user");
		assertThat(audience(claims)).doesNotContain(DEMO_API);
		assertThat(claims.get("scope").asString().split(" ")).doesNotContain(DEMO_API);
	}

	@Test
	void bffExchangesTheUsersTokenForOneMeantForTheDemoApi() {
		KeycloakApi.Answer exchange = api.exchangeToken(REALM, BFF, BFF_SECRET, userAccessToken, DEMO_API, DEMO_API);

		assertThat(exchange.status()).as(exchange.body().toString()).isEqualTo(200);
		assertThat(exchange.body().get("issued_token_type").asString())
			.isEqualTo("urn:ietf:params:oauth:token-type:access_token");
		assertThat(exchange.body().has("refresh_token")).isFalse();
		JsonNode claims = claims(exchange.body().get("access_token").asString());
		assertThat(audience(claims)).containsExactly(DEMO_API);
		assertThat(claims.get("sub").asString()).isEqualTo(userId);
		assertThat(claims.get("azp").asString()).isEqualTo(BFF);
		assertThat(claims.get("preferred_username").asString()).isEqualTo("exchange-user");
	}

	@Test
	void exchangeWithoutTheDemoApiScopeIsRefused() {
		KeycloakApi.Answer exchange = api.exchangeToken(REALM, BFF, BFF_SECRET, userAccessToken, DEMO_API, "openid");

		assertThat(exchange.status()).isEqualTo(400);
		assertThat(exchange.body().has("access_token")).isFalse();
	}

	/** The demo API is an audience and nothing else: it can neither sign anybody in nor exchange tokens. */
	@Test
	void demoApiClientHasNoFlowOfItsOwn() {
		JsonNode client = api.adminGet("/admin/realms/" + REALM + "/clients/" + clientUuid(DEMO_API));

		assertThat(client.get("publicClient").asBoolean()).isFalse();
		assertThat(List.of("standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled",
				"serviceAccountsEnabled")).allSatisfy((flow) -> assertThat(client.get(flow).asBoolean()).as(flow).isFalse());
		assertThat(client.get("attributes").path("standard.token.exchange.enabled").asString("false")).isEqualTo("false");
	}

	private static List<String> scopeNames(String path) {
		return api.adminGet("/admin/realms/" + REALM + path).values().stream().map((s) -> s.get("name").asString()).toList();
	}

	private static String clientUuid(String clientId) {
		return api.adminGet("/admin/realms/" + REALM + "/clients?clientId=" + clientId).get(0).get("id").asString();
	}

	private static JsonNode claims(String jwt) {
		return RealmImportIT.decode(jwt.split("\\.")[1]);
	}

	/** {@code aud} is a string when it names one audience, an array when several, absent when none. */
	private static List<String> audience(JsonNode claims) {
		JsonNode aud = claims.path("aud");
		if (aud.isString()) {
			return List.of(aud.asString());
		}
		return aud.values().stream().map(JsonNode::asString).toList();
	}

}
