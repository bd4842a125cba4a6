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

	SessionRevocation(RevocationStore revocations, KeycloakUsers users, ApplicationEventPublisher events) {
		this.revocations = revocations;
		this.users = users;
		this.events = events;
	}

	void revoke(String sessionId, String reason) {
		this.revocations.revokeSession(sessionId);
		logger.warn("Session {} revoked: {}", sessionId, reason);
		this.events.publishEvent(new SessionEndedEvent(sessionId));
		try {
			this.users.endSession(sessionId);
		}
		catch (UpstreamUnavailableException ex) {
			// Denied in Redis already; Keycloak's session lives until its idle timeout, unusable through the BFF.
			logger.warn("Keycloak did not end revoked session {}: {}", sessionId, ex.getMessage());
		}
	}

}
