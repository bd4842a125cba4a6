package io.authstack.realm;

import java.util.List;
import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm lint against what a real Keycloak holds after import, the way ops would check a running
 * server: export it through the admin API, lint the export.
 */
class RealmPostureIT {

	private static KeycloakApi api;

	@BeforeAll
	static void startKeycloak() {
		api = new KeycloakApi(TestKeycloak.get());
	}

	/** The test Keycloak runs with the development client secrets the testkit passes, and the lint names them. */
	@Test
	void importedRealmAsKeycloakHoldsItHasNoFindingsButItsDevelopmentSecrets() {
		List<RealmFinding> findings = new RealmLint().check(liveRealm(AuthstackKeycloak.REALM));

		assertThat(findings).extracting(RealmFinding::rule).containsOnly("client-secret-dev-value");
		assertThat(findings).extracting(RealmFinding::subject)
			.containsExactlyInAnyOrder("authstack-bff", "authstack-worker", "authstack-bff-admin");
	}

	@Test
	void weakRealmOnTheServerIsReportedRuleByRule() {
		api.adminPost("/admin/realms", weakRealm());

		List<RealmFinding> findings = new RealmLint().check(liveRealm("weak"));

		assertThat(findings).extracting(RealmFinding::rule)
			.contains("brute-force-off", "refresh-rotation-off", "lifetime-too-long", "implicit-flow",
					"password-grant-public-client", "pkce-not-required", "wildcard-redirect-uri",
					"service-account-admin-role", "client-secret-dev-value", "keycloak-password-reset-on",
					"permanent-lockout-on");
	}

	/**
	 * A partial export (realm settings and clients) with the client secrets it masks, plus each service account's
	 * realm-management roles.
	 */
	private static JsonNode liveRealm(String realm) {
		ObjectNode export = (ObjectNode) api.adminPost(
				"/admin/realms/" + realm + "/partial-export?exportClients=true&exportGroupsAndRoles=true", Map.of());
		ArrayNode users = export.putArray("users");
		for (JsonNode client : export.path("clients").values()) {
			if (client.has("secret")) {
				((ObjectNode) client).put("secret", api
					.adminGet("/admin/realms/" + realm + "/clients/" + client.get("id").asString() + "/client-secret")
					.path("value")
					.asString(""));
			}
			if (client.path("serviceAccountsEnabled").asBoolean(false)) {
				String userId = api
					.adminGet("/admin/realms/" + realm + "/clients/" + client.get("id").asString()
							+ "/service-account-user")
					.get("id")
					.asString();
				ObjectNode user = users.addObject().put("serviceAccountClientId", client.get("clientId").asString());
				user.putObject("clientRoles")
					.set("realm-management", managementRoles(realm, userId));
			}
		}
		return export;
	}

	private static ArrayNode managementRoles(String realm, String userId) {
		JsonNode mappings = api.adminGet("/admin/realms/" + realm + "/users/" + userId + "/role-mappings")
			.path("clientMappings")
			.path("realm-management")
			.path("mappings");
		ArrayNode names = JsonMapper.builder().build().createArrayNode();
		mappings.values().forEach((role) -> names.add(role.get("name").asString()));
		return names;
	}

	private static Map<String, Object> weakRealm() {
		Map<String, Object> spa = Map.of("clientId", "weak-spa", "publicClient", true, "implicitFlowEnabled", true,
				"directAccessGrantsEnabled", true, "redirectUris", List.of("https://*"));
		Map<String, Object> robot = Map.of("clientId", "weak-robot", "publicClient", false, "secret",
				"dev-only-robot-secret",
				"standardFlowEnabled", false, "serviceAccountsEnabled", true);
		Map<String, Object> robotAccount = Map.of("username", "service-account-weak-robot", "enabled", true,
				"serviceAccountClientId", "weak-robot", "clientRoles", Map.of("realm-management", List.of("realm-admin")));
		return Map.of("realm", "weak", "enabled", true, "bruteForceProtected", false, "permanentLockout", true,
				"revokeRefreshToken", false, "accessTokenLifespan", 86400, "resetPasswordAllowed", true, "clients", List.of(spa, robot), "users",
				List.of(robotAccount));
	}

}
