package io.authstack.bff.session;

import io.authstack.bff.account.KeycloakUsers;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.revocation.RevocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ends a session presumed stolen: deny-listed in Redis at once, and deleted at Keycloak through the admin API,
 * so that its refresh token is dead there too and a Redis that loses its data cannot bring it back.
 */
@Component
class SessionRevocation {

	private static final Logger logger = LoggerFactory.getLogger(SessionRevocation.class);

	private final RevocationStore revocations;

	private final KeycloakUsers users;

	private final ApplicationEventPublisher events;

	private final SecurityEventPublisher securityEvents;

	SessionRevocation(RevocationStore revocations, KeycloakUsers users, ApplicationEventPublisher events,
			SecurityEventPublisher securityEvents) {
		this.revocations = revocations;
		this.users = users;
		this.events = events;
		this.securityEvents = securityEvents;
	}

	void revoke(Revocation.Reason reason, Revocation revocation) {
		String sessionId = revocation.sessionId();
		this.revocations.revokeSession(sessionId);
		logger.warn("Session {} of user {} revoked: {}", sessionId, revocation.userId(), reason);
		this.events.publishEvent(new SessionEndedEvent(sessionId));
		this.securityEvents.sessionRevoked(reason, revocation);
		try {
			this.users.endSession(sessionId);
		}
		catch (UpstreamUnavailableException ex) {
			// Denied in Redis already; Keycloak's session lives until its idle timeout, unusable through the BFF.
			logger.warn("Keycloak did not end revoked session {}: {}", sessionId, ex.getMessage());
		}
	}

}
