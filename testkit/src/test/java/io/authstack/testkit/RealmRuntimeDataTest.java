package io.authstack.testkit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RealmRuntimeDataTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REALM_FILE = """
			{"realm": "authstack", "accessTokenLifespan": 240,
			 "clients": [{"clientId": "authstack-bff", "secret": "${AUTHSTACK_BFF_CLIENT_SECRET:dev-secret}"}],
			 "roles": {"realm": [{"name": "user"}]},
			 "identityProviders": [{"alias": "google"}],
			 "users": [{"username": "service-account-authstack-worker", "serviceAccountClientId": "authstack-worker"}]}
			""";

	private static final String EXPORT = """
			{"id": "0b5c7e4e-realm", "realm": "authstack", "accessTokenLifespan": 300,
			 "users": [
			   {"id": "u-1", "username": "ada", "realmRoles": ["default-roles-authstack", "user"],
			    "attributes": {"authstack_known_devices": ["d1", "${KC_BOOTSTRAP_ADMIN_PASSWORD}"]},
			    "credentials": [{"type": "password", "secretData": "{\\"value\\":\\"hash\\"}"}],
			    "federatedIdentities": [{"identityProvider": "google", "userId": "g-1"}]},
			   {"id": "u-2", "username": "service-account-authstack-worker", "serviceAccountClientId": "authstack-worker",
			    "realmRoles": ["role-granted-in-the-console"]}],
			 "clients": [{"id": "c-uuid-1", "clientId": "authstack-bff"}, {"id": "c-uuid-2", "clientId": "removed-client"}],
			 "components": {"org.keycloak.keys.KeyProvider": [{"name": "rsa-generated", "config": {"privateKey": ["k"]}}]}}
			""";

	@Test
	void mergeKeepsTheFilesConfigurationAndCarriesTheUsersButNotTheServiceAccounts() {
		JsonNode merged = JSON.readTree(RealmRuntimeData.of(JSON.readTree(EXPORT)).mergeInto(REALM_FILE));

		assertThat(merged.get("accessTokenLifespan").asInt()).isEqualTo(240);
		assertThat(merged.get("users").findValuesAsString("username")).containsExactly("service-account-authstack-worker",
				"ada");
		JsonNode ada = merged.get("users").get(1);
		assertThat(ada.get("id").asString()).isEqualTo("u-1");
		assertThat(ada.get("credentials").get(0).get("secretData").asString()).isEqualTo("{\"value\":\"hash\"}");
		assertThat(ada.get("federatedIdentities").get(0).get("userId").asString()).isEqualTo("g-1");
		assertThat(merged.get("users").get(0).has("realmRoles")).isFalse();
	}

	@Test
	void mergeKeepsTheRealmAndClientIdsThatStoredEventsAndSessionsReferTo() {
		JsonNode merged = JSON.readTree(RealmRuntimeData.of(JSON.readTree(EXPORT)).mergeInto(REALM_FILE));

		assertThat(merged.get("id").asString()).isEqualTo("0b5c7e4e-realm");
		assertThat(merged.get("clients")).singleElement()
			.satisfies((client) -> assertThat(client.get("id").asString()).isEqualTo("c-uuid-1"));
	}

	@Test
	void userDataThatLooksLikeAPlaceholderIsEscapedWhileTheFilesPlaceholdersAreLeftForTheImport() {
		String merged = RealmRuntimeData.of(JSON.readTree(EXPORT)).mergeInto(REALM_FILE);

		assertThat(merged).doesNotContain("${KC_BOOTSTRAP_ADMIN_PASSWORD}")
			.contains("\\u0024{KC_BOOTSTRAP_ADMIN_PASSWORD}")
			.contains("${AUTHSTACK_BFF_CLIENT_SECRET:dev-secret}");
		assertThat(JSON.readTree(merged).get("users").get(1).get("attributes").get("authstack_known_devices").get(1)
			.asString()).isEqualTo("${KC_BOOTSTRAP_ADMIN_PASSWORD}");
	}

	@Test
	void keysAreCarriedWhenTheFileDeclaresNone() {
		JsonNode merged = JSON.readTree(RealmRuntimeData.of(JSON.readTree(EXPORT)).mergeInto(REALM_FILE));

		assertThat(merged.at("/components/org.keycloak.keys.KeyProvider/0/name").asString()).isEqualTo("rsa-generated");
	}

	@Test
	void keysTheFileDeclaresWin() {
		String fileWithKeys = REALM_FILE.replace("\"accessTokenLifespan\": 240,",
				"\"accessTokenLifespan\": 240, \"components\": {\"org.keycloak.keys.KeyProvider\": [{\"name\": \"rsa-4096\"}]},");

		JsonNode merged = JSON.readTree(RealmRuntimeData.of(JSON.readTree(EXPORT)).mergeInto(fileWithKeys));

		assertThat(merged.at("/components/org.keycloak.keys.KeyProvider").findValuesAsString("name"))
			.containsExactly("rsa-4096");
	}

	@Test
	void mergeRefusesWhenUsersHoldWhatTheFileNoLongerDefines() {
		String fileWithoutRoleOrGoogle = REALM_FILE.replace("{\"name\": \"user\"}", "{\"name\": \"member\"}")
			.replace("\"google\"", "\"github\"");
		RealmRuntimeData runtimeData = RealmRuntimeData.of(JSON.readTree(EXPORT));

		assertThatIllegalStateException().isThrownBy(() -> runtimeData.mergeInto(fileWithoutRoleOrGoogle))
			.withMessageContaining("user 'ada' holds realm role 'user'")
			.withMessageContaining("user 'ada' is linked to identity provider 'google'");
	}

	@Test
	void mergeRefusesAnotherRealmsFile() {
		RealmRuntimeData runtimeData = RealmRuntimeData.of(JSON.readTree(EXPORT));

		assertThatIllegalStateException()
			.isThrownBy(() -> runtimeData.mergeInto(REALM_FILE.replace("\"realm\": \"authstack\"", "\"realm\": \"other\"")))
			.withMessageContaining("realm 'other'");
	}

}
