package io.authstack.keycloak.amqp;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerTransaction;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/**
 * Sends a realm's user and admin events to {@code authstack.events}, routing key {@code <realm>.<type>}.
 * Events are handed over only after Keycloak's transaction commits (a rolled-back login emits nothing),
 * and then only into an in-memory {@link EventBuffer}: a login never waits for, or fails because of,
 * the broker.
 */
final class AmqpEventListenerProvider implements EventListenerProvider {

	private final EventListenerTransaction transaction;

	AmqpEventListenerProvider(KeycloakSession session, EventBuffer buffer) {
		SecurityEvents events = new SecurityEvents(session.realms());
		this.transaction = new EventListenerTransaction((adminEvent, includeRepresentation) -> buffer
			.offer(events.of(adminEvent)), (event) -> buffer.offer(events.of(event)));
		session.getTransactionManager().enlistAfterCompletion(this.transaction);
	}

	@Override
	public void onEvent(Event event) {
		this.transaction.addEvent(event);
	}

	@Override
	public void onEvent(AdminEvent event, boolean includeRepresentation) {
		this.transaction.addAdminEvent(event, includeRepresentation);
	}

	@Override
	public void close() {
	}

}
