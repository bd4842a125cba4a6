package io.authstack.keycloak.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * What the authenticator observed, handed to {@link DeviceRiskEventListenerProvider} so that the device is
 * learned, and the alert sent, only once the whole login has succeeded.
 * <p>
 * It travels as a user session note: Keycloak copies the authentication session's user session notes onto
 * the user session when the login completes, in the browser flow (possibly several requests later,
 * after other authenticators and required actions) as in the direct-grant flow. The listener removes the
 * note once it has read it, so a later SSO login on the same session does not learn or alert again.
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

	/** One user session note, so the hand-over costs one write and one removal. */
	static final String NOTE = "authstack.device_risk.pending";

	void writeTo(AuthenticationSessionModel authSession) {
		try {
			authSession.setUserSessionNote(NOTE, JsonSerialization.writeValueAsString(this));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serialise the pending sign-in", ex);
		}
	}

	/** Reads the note off the user session and removes it; empty when the authenticator did not run. */
	static Optional<PendingSignIn> takeFrom(UserSessionModel userSession) {
		String value = userSession.getNote(NOTE);
		if (value == null) {
			return Optional.empty();
		}
		userSession.removeNote(NOTE);
		try {
			return Optional.of(JsonSerialization.readValue(value, PendingSignIn.class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unreadable pending sign-in note", ex);
		}
	}

	PendingSignIn withReasons(String codes) {
		return new PendingSignIn(this.deviceId, this.label, this.ipPrefix, codes, this.devicesKept, this.alert);
	}

	PendingSignIn withAlert() {
		return new PendingSignIn(this.deviceId, this.label, this.ipPrefix, this.reasonCodes, this.devicesKept, true);
	}

}
