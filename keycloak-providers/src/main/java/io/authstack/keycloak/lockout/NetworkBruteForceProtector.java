package io.authstack.keycloak.lockout;

import java.util.Collections;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;
import io.authstack.keycloak.risk.KnownDeviceStore;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.DefaultBruteForceProtector;

/**
 * Keycloak's brute-force protector with a second count per user and network (the policy:
 * {@link io.authstack.keycloak.lockout}). The user-wide count stays Keycloak's own protector's, with its events,
 * admin-console status and guard against concurrent logins of one user; this class adds the network's count and
 * lets a network the user is known from past the user-wide lockout.
 * <p>
 * The network's failure is recorded before the failed login is answered, in a transaction of its own, so the
 * next attempt from that network already sees it.
 */
final class NetworkBruteForceProtector implements BruteForceProtector {

	private final BruteForceProtector userWide;

	private final NetworkPrefixes networks;

	private final KeycloakSessionFactory sessions;

	NetworkBruteForceProtector(BruteForceProtector userWide, NetworkPrefixes networks, KeycloakSessionFactory sessions) {
		this.userWide = userWide;
		this.networks = networks;
		this.sessions = sessions;
	}

	@Override
	public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo,
			Set<String> categories) {
		this.userWide.failedLogin(realm, user, connection, uriInfo, categories);
		// Keycloak's rule: a failure of no category counts, one of another category (a cookie, an IdP) does not.
		if (categories == null || counts(categories)) {
			String address = connection.getRemoteAddr();
			KeycloakModelUtils.runJobInTransaction(this.sessions, (session) -> NetworkLoginFailures
				.failed(session, session.realms().getRealm(realm.getId()), user.getId(), this.networks.of(address), address));
		}
	}

	@Override
	public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo,
			Set<String> categories) {
		this.userWide.successfulLogin(realm, user, connection, uriInfo, categories);
		if (categories != null && counts(categories)) {
			String network = this.networks.of(connection.getRemoteAddr());
			KeycloakModelUtils.runJobInTransaction(this.sessions, (session) -> NetworkLoginFailures
				.succeeded(session, session.realms().getRealm(realm.getId()), user.getId(), network));
		}
	}

	/**
	 * During a login: locked when this network failed too often for the user, or when the user-wide count locks
	 * the user and no known device of the user signed in from this network. Outside a login (the admin console
	 * asking about the user) it is the user-wide answer, as Keycloak's.
	 */
	@Override
	public boolean isTemporarilyDisabled(KeycloakSession session, RealmModel realm, UserModel user) {
		if (session.getContext().getAuthenticationSession() == null) {
			return this.userWide.isTemporarilyDisabled(session, realm, user);
		}
		String address = session.getContext().getConnection().getRemoteAddr();
		if (NetworkLoginFailures.isLocked(session, realm, user.getId(), this.networks.of(address))) {
			return true;
		}
		if (isLockedUserWide(session, realm, user)) {
			return !KnownDeviceStore.read(user).includesNetworkOf(address);
		}
		// Not locked by its count: Keycloak's own protector still refuses a login racing another of the same user.
		return this.userWide.isTemporarilyDisabled(session, realm, user);
	}

	@Override
	public boolean isPermanentlyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
		return this.userWide.isPermanentlyLockedOut(session, realm, user);
	}

	@Override
	public void cleanUpPermanentLockout(KeycloakSession session, RealmModel realm, UserModel user) {
		this.userWide.cleanUpPermanentLockout(session, realm, user);
	}

	@Override
	public void close() {
		// Keycloak's protector is shared, and closed with the factory.
	}

	private static boolean isLockedUserWide(KeycloakSession session, RealmModel realm, UserModel user) {
		UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
		return failures != null && Time.currentTime() < failures.getFailedLoginNotBefore();
	}

	private static boolean counts(Set<String> categories) {
		return !Collections.disjoint(DefaultBruteForceProtector.ALLOWED_AUTHENTICATION_CATEGORIES, categories);
	}

}
