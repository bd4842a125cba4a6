package io.authstack.realm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint on the realm we ship, and on that realm weakened one setting at a time.
 */
class RealmLintTest {

	static final Path SHIPPED_REALM = Path.of("src/main/realm/authstack-realm.json");

	private final RealmLint lint = new RealmLint();

	private ObjectNode realm;

	private ObjectNode bffClient;

	@BeforeEach
	void shippedRealm() {
		this.realm = (ObjectNode) RealmFile.read(SHIPPED_REALM, Map.of());
		this.bffClient = (ObjectNode) this.realm.get("clients")
			.values()
			.stream()
			.filter((client) -> client.get("clientId").asString().equals("authstack-bff"))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void shippedRealmHasNoFindings() {
		assertThat(this.lint.check(this.realm)).isEmpty();
	}

	@Test
	void shippedRealmWithProductionSettingsHasNoFindings() {
		Map<String, String> production = Map.of("AUTHSTACK_DIRECT_GRANT_ENABLED", "false", "AUTHSTACK_PUBLIC_URL",
				"https://app.example.com", "AUTHSTACK_BFF_CLIENT_SECRET", "a-real-secret");

		assertThat(this.lint.check(RealmFile.read(SHIPPED_REALM, production))).isEmpty();
	}

	@Test
	void bruteForceOffIsFound() {
		this.realm.put("bruteForceProtected", false);

		assertThat(rules()).containsExactly("brute-force-off");
	}

	@Test
	void refreshTokenReuseIsFound() {
		this.realm.put("refreshTokenMaxReuse", 2);

		assertThat(rules()).containsExactly("refresh-rotation-off");
	}

	@Test
	void refreshTokensNotRevokedOnUseIsFound() {
		this.realm.put("revokeRefreshToken", false);

		assertThat(rules()).containsExactly("refresh-rotation-off");
	}

	@Test
	void hourLongAccessTokensAreFound() {
		this.realm.put("accessTokenLifespan", 3600);

		assertThat(this.lint.check(this.realm)).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("accessTokenLifespan is 3600 s"));
	}

	@Test
	void lifetimesLeftOutTakeKeycloakDefaults() {
		this.realm.remove(List.of("accessTokenLifespan", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan"));

		assertThat(this.lint.check(this.realm)).isEmpty();
	}

	@Test
	void implicitFlowIsFound() {
		this.bffClient.put("implicitFlowEnabled", true);

		assertThat(rules()).containsExactly("implicit-flow");
	}

	@Test
	void codeFlowWithoutPkceIsFound() {
		((ObjectNode) this.bffClient.get("attributes")).remove("pkce.code.challenge.method");

		assertThat(rules()).containsExactly("pkce-not-required");
	}

	@Test
	void passwordGrantOnPublicClientIsFound() {
		this.bffClient.put("publicClient", true);
		this.bffClient.put("directAccessGrantsEnabled", true);

		assertThat(rules()).containsExactly("password-grant-public-client");
	}

	@Test
	void wildcardRedirectUriIsFound() {
		((ArrayNode) this.bffClient.get("redirectUris")).add("https://app.example.com/*");

		assertThat(rules()).containsExactly("wildcard-redirect-uri");
	}

	@Test
	void keycloakOwnRelativeWildcardsAreAccepted() {
		((ArrayNode) this.bffClient.get("redirectUris")).add("/realms/authstack/account/*");

		assertThat(this.lint.check(this.realm)).isEmpty();
	}

	@Test
	void serviceAccountWithRealmAdminIsFound() {
		ObjectNode serviceAccount = this.realm.putArray("users").addObject();
		serviceAccount.put("serviceAccountClientId", "authstack-bff");
		serviceAccount.putObject("clientRoles").putArray("realm-management").add("view-users").add("realm-admin");

		assertThat(this.lint.check(this.realm)).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("service-account-admin-role");
			assertThat(finding.subject()).isEqualTo("authstack-bff");
			assertThat(finding.message()).contains("realm-admin");
		});
	}

	private List<String> rules() {
		return this.lint.check(this.realm).stream().map(RealmFinding::rule).toList();
	}

}
