package io.authstack.realm;

import java.nio.file.Path;
import java.util.HashMap;
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

	/** What a deployment sets: the realm file has no default for its client secrets. */
	static final Map<String, String> DEPLOYED_SECRETS = Map.of("AUTHSTACK_BFF_CLIENT_SECRET", "bff-secret-from-vault",
			"AUTHSTACK_BFF_ADMIN_CLIENT_SECRET", "bff-admin-secret-from-vault", "AUTHSTACK_WORKER_CLIENT_SECRET",
			"worker-secret-from-vault");

	private static final List<String> SECRET_CLIENTS = List.of("authstack-bff", "authstack-worker", "authstack-bff-admin");

	private final RealmLint lint = new RealmLint();

	private ObjectNode realm;

	private ObjectNode bffClient;

	@BeforeEach
	void shippedRealm() {
		this.realm = (ObjectNode) RealmFile.read(SHIPPED_REALM, DEPLOYED_SECRETS);
		this.bffClient = client("authstack-bff");
	}

	@Test
	void shippedRealmHasNoFindings() {
		assertThat(this.lint.check(this.realm)).isEmpty();
	}

	@Test
	void shippedRealmWithProductionSettingsHasNoFindings() {
		Map<String, String> production = new HashMap<>(DEPLOYED_SECRETS);
		production.putAll(Map.of("AUTHSTACK_DIRECT_GRANT_ENABLED", "false", "AUTHSTACK_PUBLIC_URL",
				"https://app.example.com"));

		assertThat(this.lint.check(RealmFile.read(SHIPPED_REALM, production))).isEmpty();
	}

	@Test
	void shippedRealmHasNoDefaultForAnyClientSecret() {
		List<RealmFinding> findings = this.lint.check(RealmFile.read(SHIPPED_REALM, Map.of()));

		assertThat(findings).extracting(RealmFinding::rule).containsOnly("client-secret-unset");
		assertThat(findings).extracting(RealmFinding::subject).containsExactlyInAnyOrderElementsOf(SECRET_CLIENTS);
		assertThat(findings).extracting(RealmFinding::message)
			.anySatisfy((message) -> assertThat(message).contains("AUTHSTACK_BFF_ADMIN_CLIENT_SECRET"));
	}

	@Test
	void everySecretWeUsedToShipIsFoundWithoutRepeatingIt() {
		List<String> shipped = List.of("dev-only-bff-client-secret-change-me", "dev-only-worker-client-secret-change-me",
				"dev-only-bff-admin-client-secret-change-me");
		for (int i = 0; i < shipped.size(); i++) {
			client(SECRET_CLIENTS.get(i)).put("secret", shipped.get(i));
		}

		List<RealmFinding> findings = this.lint.check(this.realm);

		assertThat(findings).extracting(RealmFinding::rule).containsOnly("client-secret-dev-value");
		assertThat(findings).extracting(RealmFinding::subject).containsExactlyInAnyOrderElementsOf(SECRET_CLIENTS);
		assertThat(findings).extracting(RealmFinding::message).noneMatch((message) -> message.contains("change-me"));
	}

	@Test
	void anyDevelopmentValueAsClientSecretIsFound() {
		this.bffClient.put("secret", "Dev-Only-something-else");

		assertThat(rules()).containsExactly("client-secret-dev-value");
	}

	@Test
	void keycloaksOwnForgotPasswordIsFound() {
		this.realm.put("resetPasswordAllowed", true);

		assertThat(rules()).containsExactly("keycloak-password-reset-on");
	}

	@Test
	void bruteForceOffIsFound() {
		this.realm.put("bruteForceProtected", false);

		assertThat(rules()).containsExactly("brute-force-off");
	}

	@Test
	void permanentLockoutIsFound() {
		this.realm.put("permanentLockout", true);

		assertThat(rules()).containsExactly("permanent-lockout-on");
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

	private ObjectNode client(String clientId) {
		return (ObjectNode) this.realm.get("clients")
			.values()
			.stream()
			.filter((client) -> client.get("clientId").asString().equals(clientId))
			.findFirst()
			.orElseThrow();
	}

	private List<String> rules() {
		return this.lint.check(this.realm).stream().map(RealmFinding::rule).toList();
	}

}
