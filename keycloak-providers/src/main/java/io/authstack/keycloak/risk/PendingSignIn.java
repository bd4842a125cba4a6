package io.authstack.keycloak.risk;

import java.util.Optional;

import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the authenticator observed, handed to {@link DeviceRiskEventListenerProvider} so that the device is
 * learned, and the alert sent, only once the whole login has succeeded.
 * <p>
 * It travels as user session notes: Keycloak copies the authentication session's user session notes onto
 * the user session when the login completes, in the browser flow (possibly several requests later,
 * after other authenticators and required actions) as in the direct-grant flow. The listener removes the
 * notes once it has used them, so a later SSO login on the same session does not learn or alert again.
 *
 * @param deviceId the fingerprint
 * @param label the device label
 * @param ipPrefix the client's network
 * @param reasonCodes the risk reasons, comma-separated
 * @param devicesKept how many devices the execution keeps per user
 * @param alert whether the user gets a "new sign-in" email
 */
record PendingSignIn(String deviceId, String label, String ipPrefix, String reasonCodes, int devicesKept,
		boolean alert) {

	private static final String PREFIX = "authstack.device_risk.";

	static final String DEVICE_ID = PREFIX + "device_id";

	static final String LABEL = PREFIX + "label";

	static final String IP_PREFIX = PREFIX + "ip_prefix";

	static final String REASONS = PREFIX + "reasons";

	static final String DEVICES_KEPT = PREFIX + "devices_kept";

	static final String ALERT = PREFIX + "alert";

	void writeTo(AuthenticationSessionModel authSession) {
		authSession.setUserSessionNote(DEVICE_ID, this.deviceId);
		authSession.setUserSessionNote(LABEL, this.label);
		authSession.setUserSessionNote(IP_PREFIX, this.ipPrefix);
		authSession.setUserSessionNote(REASONS, this.reasonCodes);
		authSession.setUserSessionNote(DEVICES_KEPT, String.valueOf(this.devicesKept));
		authSession.setUserSessionNote(ALERT, String.valueOf(this.alert));
	}

	/** Reads the notes off the user session and removes them; empty when the authenticator did not run. */
	static Optional<PendingSignIn> takeFrom(UserSessionModel userSession) {
		String deviceId = userSession.getNote(DEVICE_ID);
		if (deviceId == null) {
			return Optional.empty();
		}
		PendingSignIn pending = new PendingSignIn(deviceId, userSession.getNote(LABEL), userSession.getNote(IP_PREFIX),
				userSession.getNote(REASONS), Integer.parseInt(userSession.getNote(DEVICES_KEPT)),
				Boolean.parseBoolean(userSession.getNote(ALERT)));
		for (String note : new String[] { DEVICE_ID, LABEL, IP_PREFIX, REASONS, DEVICES_KEPT, ALERT }) {
			userSession.removeNote(note);
		}
		return Optional.of(pending);
	}

	PendingSignIn withReasons(String codes) {
		return new PendingSignIn(this.deviceId, this.label, this.ipPrefix, codes, this.devicesKept, this.alert);
	}

	PendingSignIn withAlert() {
		return new PendingSignIn(this.deviceId, this.label, this.ipPrefix, this.reasonCodes, this.devicesKept, true);
	}

}
