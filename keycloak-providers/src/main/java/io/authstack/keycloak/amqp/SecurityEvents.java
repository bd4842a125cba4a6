package io.authstack.keycloak.amqp;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.authstack.contract.SecurityEvent;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;

/**
 * Keycloak's user and admin events as contract {@link SecurityEvent}s. Admin events carry the operation
 * and resource path but never the representation, which may hold secrets (client secrets, credentials).
 */
final class SecurityEvents {

	private SecurityEvents() {
	}

	static SecurityEvent of(Event event) {
		Map<String, String> details = (event.getDetails() != null) ? event.getDetails() : Map.of();
		return new SecurityEvent(SecurityEvent.CURRENT_VERSION, idOf(event.getId()),
				realmName(event.getRealmName(), event.getRealmId()), event.getType().name(), false, event.getUserId(), event.getClientId(), event.getSessionId(),
				event.getIpAddress(), event.getError(), null, details, Instant.ofEpochMilli(event.getTime()));
	}

	static SecurityEvent of(AdminEvent event) {
		var auth = event.getAuthDetails();
		return new SecurityEvent(SecurityEvent.CURRENT_VERSION, idOf(event.getId()),
				realmName(event.getRealmName(), event.getRealmId()), "ADMIN_" + event.getOperationType().name(), true, auth.getUserId(), auth.getClientId(), null,
				auth.getIpAddress(), event.getError(), event.getResourcePath(),
				Map.of("resourceType", event.getResourceTypeAsString()), Instant.ofEpochMilli(event.getTime()));
	}

	/** The consumer's idempotency key: Keycloak's event id, or a fresh one for an event that has none. */
	private static String idOf(String eventId) {
		return (eventId != null) ? eventId : UUID.randomUUID().toString();
	}

	/** Consumers route by realm name, as in {@code <realm>.<type>}; the id stands in if the name is missing. */
	private static String realmName(String name, String id) {
		return (name != null) ? name : id;
	}

}
