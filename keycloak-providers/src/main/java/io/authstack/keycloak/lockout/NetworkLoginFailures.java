package io.authstack.keycloak.lockout;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.representations.idm.RealmRepresentation.BruteForceStrategy;

/**
 * The failures of one user from one network, kept in Keycloak's own login-failure store (replicated and expired
 * like the user's record) under a key of their own, and locked out with the realm's brute-force settings.
 * <p>
 * The key names the user's id and the network, so the store's realm-wide operations (the admin console's
 * "clear all lockouts", a realm's brute-force settings changing) reach these records too; clearing one user's
 * lockout in the console clears the user-wide record only, and the network's ends with its wait.
 */
final class NetworkLoginFailures {

	private NetworkLoginFailures() {
	}

	static String key(String userId, String network) {
		return userId + "@net:" + network;
	}

	static boolean isLocked(KeycloakSession session, RealmModel realm, String userId, String network) {
		UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, key(userId, network));
		return failures != null && Time.currentTime() < failures.getFailedLoginNotBefore();
	}

	/** Counts a failure; once the realm's failure factor is reached, locks the network out for the realm's wait. */
	static void failed(KeycloakSession session, RealmModel realm, String userId, String network, String address) {
		String key = key(userId, network);
		UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, key);
		if (failures == null) {
			failures = session.loginFailures().addUserLoginFailure(realm, key);
		}
		long now = Time.currentTimeMillis();
		long last = failures.getLastFailure();
		long sinceLast = (last > 0) ? now - last : 0;
		if (sinceLast > realm.getMaxDeltaTimeSeconds() * 1000L) {
			failures.clearFailures();
		}
		failures.setLastIPFailure(address);
		failures.setLastFailure(now);
		failures.incrementFailures();
		long waitSeconds = waitSeconds(realm, failures.getNumFailures());
		if (waitSeconds <= 0 && last > 0 && sinceLast < realm.getQuickLoginCheckMilliSeconds()) {
			waitSeconds = realm.getMinimumQuickLoginWaitSeconds();
		}
		if (waitSeconds > 0) {
			long notBefore = now / 1000 + Math.min(realm.getMaxFailureWaitSeconds(), waitSeconds);
			failures.setFailedLoginNotBefore((int) Math.min(Integer.MAX_VALUE, notBefore));
		}
	}

	static void succeeded(KeycloakSession session, RealmModel realm, String userId, String network) {
		String key = key(userId, network);
		if (session.loginFailures().getUserLoginFailure(realm, key) != null) {
			session.loginFailures().removeUserLoginFailure(realm, key);
		}
	}

	/** Keycloak's own arithmetic for the realm's strategy ({@code DefaultBruteForceProtector}). */
	private static long waitSeconds(RealmModel realm, int failures) {
		int factor = Math.max(1, realm.getFailureFactor());
		if (BruteForceStrategy.MULTIPLE.equals(realm.getBruteForceStrategy())) {
			return (long) realm.getWaitIncrementSeconds() * (failures / factor);
		}
		return (long) realm.getWaitIncrementSeconds() * (1L + failures - factor);
	}

}
