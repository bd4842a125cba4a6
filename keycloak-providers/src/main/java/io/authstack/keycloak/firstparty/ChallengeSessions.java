package io.authstack.keycloak.firstparty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The {@code auth_session} values of the authorization challenge endpoint: an opaque random handle per round,
 * naming one Keycloak authentication session of one client. A handle is spent when it is presented (single
 * use per round, in the cluster-wide single-use store) and lives for the realm's "login action" lifespan.
 * Only its SHA-256 is stored, so the store holds nothing a client could present.
 */
final class ChallengeSessions {

	private static final String KEY_PREFIX = "authstack.challenge:";

	private static final String ROOT_NOTE = "root";

	private static final String TAB_NOTE = "tab";

	private static final String CLIENT_NOTE = "client";

	private final KeycloakSession session;

	private final RealmModel realm;

	ChallengeSessions(KeycloakSession session, RealmModel realm) {
		this.session = session;
		this.realm = realm;
	}

	/** A new handle for the next round of {@code authSession}. */
	String issue(AuthenticationSessionModel authSession) {
		String handle = SecretGenerator.getInstance().randomString(43);
		this.session.singleUseObjects()
			.put(key(handle), this.realm.getAccessCodeLifespanUserAction(),
					Map.of(ROOT_NOTE, authSession.getParentSession().getId(), TAB_NOTE, authSession.getTabId(),
							CLIENT_NOTE, authSession.getClient().getId()));
		return handle;
	}

	/**
	 * The authentication session a handle names, spending the handle; empty when it is unknown, spent, expired,
	 * or was issued to another client.
	 */
	Optional<AuthenticationSessionModel> redeem(String handle, ClientModel client) {
		Map<String, String> notes = this.session.singleUseObjects().remove(key(handle));
		if (notes == null || !client.getId().equals(notes.get(CLIENT_NOTE))) {
			return Optional.empty();
		}
		return Optional.ofNullable(new AuthenticationSessionManager(this.session)
			.getAuthenticationSessionByIdAndClient(this.realm, notes.get(ROOT_NOTE), client, notes.get(TAB_NOTE)));
	}

	private static String key(String handle) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(handle.getBytes(StandardCharsets.US_ASCII));
			return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
