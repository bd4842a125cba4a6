package io.authstack.bff.session;

/**
 * A session ended, by logout or revocation: whatever is kept for it (exchanged tokens) goes too.
 *
 * @param sessionId the Keycloak session ({@code sid})
 */
public record SessionEndedEvent(String sessionId) {
}
