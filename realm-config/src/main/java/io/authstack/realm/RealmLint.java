package io.authstack.realm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Checks a realm representation (an export, or the file we ship) for a weak security posture: the
 * things an auditor of an authstack deployment looks at first.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700">RFC 9700, OAuth 2.0 Security Best Current
 * Practice</a>
 */
public final class RealmLint {

	/** Longest access token life we accept: it outlives a logout or revocation at the BFF. */
	static final Duration MAX_ACCESS_TOKEN = Duration.ofMinutes(15);

	static final Duration MAX_SSO_SESSION_IDLE = Duration.ofHours(2);

	static final Duration MAX_SSO_SESSION = Duration.ofHours(24);

	/** realm-management roles that no service account of ours needs: each one administers the realm. */
	static final Set<String> ADMIN_ROLES = Set.of("realm-admin", "manage-realm", "manage-clients",
			"manage-authorization", "manage-identity-providers", "manage-events", "impersonation", "create-client");

	/**
	 * Marks every development value we ship or ever shipped ({@code dev-only-bff-client-secret-change-me}, ...):
	 * such a secret is public, so whoever reads the repository can act as that client.
	 */
	static final String DEV_VALUE_MARK = "dev-only";

	/** A {@code ${VARIABLE}} that nothing resolved: Keycloak's import keeps the text itself as the value. */
	private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

	public List<RealmFinding> check(JsonNode realm) {
		List<RealmFinding> findings = new ArrayList<>();
		String realmName = realm.path("realm").asString("realm");
		checkRealm(realmName, realm, findings);
		for (JsonNode client : realm.path("clients").values()) {
			checkClient(client, findings);
		}
		for (JsonNode user : realm.path("users").values()) {
			checkServiceAccount(user, findings);
		}
		return findings;
	}

	private void checkRealm(String name, JsonNode realm, List<RealmFinding> findings) {
		if (!realm.path("bruteForceProtected").asBoolean(false)) {
			findings.add(new RealmFinding("brute-force-off", name, "brute-force detection is off"));
		}
		if (realm.path("permanentLockout").asBoolean(false)) {
			findings.add(new RealmFinding("permanent-lockout-on", name,
					"permanent lockout (permanentLockout) disables an account after wrong passwords sent from anywhere, "
							+ "so anyone can disable any account; keep the temporary lockout, counted per network"));
		}
		if (!realm.path("revokeRefreshToken").asBoolean(false) || realm.path("refreshTokenMaxReuse").asInt(0) > 0) {
			findings.add(new RealmFinding("refresh-rotation-off", name,
					"refresh tokens must be revoked on use (revokeRefreshToken=true, refreshTokenMaxReuse=0)"));
		}
		if (realm.path("resetPasswordAllowed").asBoolean(false)) {
			findings.add(new RealmFinding("keycloak-password-reset-on", name,
					"Keycloak's own \"Forgot password?\" is on (resetPasswordAllowed): it mails reset links past the BFF's "
							+ "rate limits and enumeration defences; the BFF's accounts API owns password reset"));
		}
		if ("none".equals(realm.path("sslRequired").asString("external"))) {
			findings.add(new RealmFinding("ssl-not-required", name, "sslRequired is none"));
		}
		checkLifetime(name, realm, "accessTokenLifespan", 300, MAX_ACCESS_TOKEN, findings);
		checkLifetime(name, realm, "ssoSessionIdleTimeout", 1800, MAX_SSO_SESSION_IDLE, findings);
		checkLifetime(name, realm, "ssoSessionMaxLifespan", 36000, MAX_SSO_SESSION, findings);
	}

	/** Keycloak's own default applies when an export leaves a lifetime out. */
	private void checkLifetime(String name, JsonNode realm, String field, int keycloakDefault, Duration max,
			List<RealmFinding> findings) {
		int seconds = realm.path(field).asInt(keycloakDefault);
		if (seconds <= 0 || seconds > max.toSeconds()) {
			findings.add(new RealmFinding("lifetime-too-long", name,
					field + " is " + seconds + " s; at most " + max.toSeconds() + " s"));
		}
	}

	private void checkClient(JsonNode client, List<RealmFinding> findings) {
		String clientId = client.path("clientId").asString("?");
		boolean publicClient = client.path("publicClient").asBoolean(false);
		if (client.path("implicitFlowEnabled").asBoolean(false)) {
			findings.add(new RealmFinding("implicit-flow", clientId, "the implicit flow is enabled"));
		}
		if (publicClient && client.path("directAccessGrantsEnabled").asBoolean(false)) {
			findings.add(new RealmFinding("password-grant-public-client", clientId,
					"a public client may use the resource owner password grant"));
		}
		if (client.path("standardFlowEnabled").asBoolean(true) && !client.path("bearerOnly").asBoolean(false)
				&& !"S256".equals(client.path("attributes").path("pkce.code.challenge.method").asString(""))) {
			findings.add(new RealmFinding("pkce-not-required", clientId,
					"the authorization code flow does not require PKCE S256"));
		}
		checkSecret(clientId, client.path("secret").asString(""), findings);
		for (JsonNode uri : client.path("redirectUris").values()) {
			if (isOpenRedirectUri(uri.asString(""))) {
				findings.add(new RealmFinding("wildcard-redirect-uri", clientId,
						"redirect URI '" + uri.asString() + "' has a wildcard; list exact URIs"));
			}
		}
	}

	private static void checkSecret(String clientId, String secret, List<RealmFinding> findings) {
		Matcher unresolved = UNRESOLVED_PLACEHOLDER.matcher(secret);
		if (unresolved.matches()) {
			findings.add(new RealmFinding("client-secret-unset", clientId, "the secret is the placeholder " + secret
					+ " itself, which Keycloak's import keeps as the secret when " + unresolved.group(1)
					+ " is not set; set it in Keycloak's environment (and in ./authstack lint's)"));
		}
		else if (secret.toLowerCase(Locale.ROOT).contains(DEV_VALUE_MARK)) {
			// Never the value itself: the lint's output lands in CI logs.
			findings.add(new RealmFinding("client-secret-dev-value", clientId,
					"the secret is a published development value; set a random one"));
		}
	}

	/**
	 * Keycloak's built-in clients use wildcards under relative paths, which stay on Keycloak's own origin;
	 * a wildcard anywhere else lets an attacker choose where codes are sent.
	 */
	private static boolean isOpenRedirectUri(String uri) {
		return uri.contains("*") && !uri.startsWith("/");
	}

	private void checkServiceAccount(JsonNode user, List<RealmFinding> findings) {
		String client = user.path("serviceAccountClientId").asString("");
		if (client.isEmpty()) {
			return;
		}
		for (JsonNode role : user.path("clientRoles").path("realm-management").values()) {
			if (ADMIN_ROLES.contains(role.asString())) {
				findings.add(new RealmFinding("service-account-admin-role", client,
						"the service account holds realm-management role '" + role.asString()
								+ "', which administers the realm"));
			}
		}
	}

}
