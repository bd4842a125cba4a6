package io.authstack.keycloak.risk;

import java.time.Instant;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Learns the device of a successful login and sends the "new sign-in" alert the authenticator asked for.
 * <p>
 * Why here and not in the authenticator: a {@code LOGIN} event is sent only once the whole login has
 * succeeded (every authenticator and required action after ours, in the same request's transaction), so a
 * device is never learned, nor an alert sent, for a login that then fails a later step. Keycloak calls
 * listeners of non-error events inside the request's transaction, so the device list is saved with the
 * login. It never throws into a login: Keycloak would only log it anyway, and a store or SMTP failure
 * must not fail a login that passed.
 */
final class DeviceRiskEventListenerProvider implements EventListenerProvider {

	private static final Logger LOG = Logger.getLogger(DeviceRiskEventListenerProvider.class);

	private final KeycloakSession session;

	DeviceRiskEventListenerProvider(KeycloakSession session) {
		this.session = session;
	}

	@Override
	public void onEvent(Event event) {
		if (event.getType() != EventType.LOGIN || event.getSessionId() == null) {
			return;
		}
		RealmModel realm = this.session.realms().getRealm(event.getRealmId());
		UserSessionModel userSession = (realm != null) ? this.session.sessions().getUserSession(realm, event.getSessionId())
				: null;
		if (userSession == null) {
			return;
		}
		try {
			PendingSignIn.takeFrom(userSession).ifPresent((pending) -> learn(realm, userSession.getUser(), pending));
		}
		catch (RuntimeException ex) {
			LOG.warnf(ex, "device-risk: could not read the pending sign-in of user session %s", event.getSessionId());
		}
	}

	private void learn(RealmModel realm, UserModel user, PendingSignIn pending) {
		Instant now = Instant.ofEpochSecond(Time.currentTime());
		try {
			KnownDevices known = KnownDeviceStore.read(user);
			if (!known.isCurrent(pending.deviceId(), pending.label(), pending.ipPrefix(), now, pending.devicesKept())) {
				KnownDeviceStore.write(user, known.signedIn(pending.deviceId(), pending.label(), pending.ipPrefix(), now,
						pending.devicesKept()));
			}
		}
		catch (RuntimeException ex) {
			LOG.warnf(ex, "device-risk: could not record the device of user %s", user.getId());
		}
		if (!pending.alert()) {
			return;
		}
		if (user.getEmail() == null || !user.isEmailVerified()) {
			LOG.debugf("device-risk: user %s has no verified email, no new sign-in alert", user.getId());
			return;
		}
		try {
			NewSignInEmail.send(this.session, realm, user, pending.label(), pending.ipPrefix(), pending.reasonCodes(), now);
		}
		catch (EmailException | RuntimeException ex) {
			LOG.warnf(ex, "device-risk: could not send the new sign-in alert to user %s", user.getId());
		}
	}

	@Override
	public void onEvent(AdminEvent event, boolean includeRepresentation) {
		// Admin actions do not sign anyone in.
	}

	@Override
	public void close() {
		// Holds nothing.
	}

}
