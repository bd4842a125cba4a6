package io.authstack.keycloak.amqp;

import java.util.function.Supplier;

import io.authstack.contract.SecurityEvent;
import org.jboss.logging.Logger;
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

	private static final Logger LOG = Logger.getLogger(AmqpEventListenerProvider.class);

	private final EventListenerTransaction transaction;

	AmqpEventListenerProvider(KeycloakSession session, EventBuffer buffer) {
		this.transaction = new EventListenerTransaction(
				(adminEvent, includeRepresentation) -> offer(buffer, () -> SecurityEvents.of(adminEvent)),
				(event) -> offer(buffer, () -> SecurityEvents.of(event)));
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

	/** Runs after the commit, inside the request: whatever goes wrong here must not fail it. */
	private static void offer(EventBuffer buffer, Supplier<SecurityEvent> event) {
		try {
			buffer.offer(event.get());
		}
		catch (RuntimeException ex) {
			LOG.warn("Security event not queued for RabbitMQ", ex);
		}
	}

	@Override
	public void close() {
	}

}
