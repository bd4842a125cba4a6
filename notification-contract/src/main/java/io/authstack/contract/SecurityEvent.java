package io.authstack.contract;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keycloak user or admin event, as published to {@value AmqpNames#EVENTS_EXCHANGE} with routing key
 * {@code <realm>.<type>}. It never carries a credential or a token: only who, what, from where.
 *
 * @param version the contract version, {@link #CURRENT_VERSION} for events built with this class
 * @param id a unique id (consumers may de-duplicate on it)
 * @param realm the realm the event happened in
 * @param type the Keycloak event type ({@code LOGIN}, {@code LOGIN_ERROR}, ...), or for an admin event
 * {@code ADMIN_<operation>} such as {@code ADMIN_UPDATE}
 * @param admin whether this is an admin event
 * @param userId the user the event is about (for an admin event: the acting admin), or {@code null}
 * @param clientId the client involved, or {@code null}
 * @param sessionId the user session, or {@code null}
 * @param ipAddress the client's address as Keycloak saw it, or {@code null}
 * @param error Keycloak's error code for a failure event, or {@code null}
 * @param resourcePath for an admin event the resource acted on ({@code users/<id>}), else {@code null}
 * @param details Keycloak's event details (no secrets: Keycloak does not put any there)
 * @param occurredAt when it happened
 * @see <a href="https://www.keycloak.org/docs/latest/server_admin/#auditing-and-events">Keycloak: auditing
 * and events</a>
 */
public record SecurityEvent(int version, String id, String realm, String type, boolean admin, String userId,
		String clientId, String sessionId, String ipAddress, String error, String resourcePath,
		Map<String, String> details, Instant occurredAt) {

	public static final int CURRENT_VERSION = 1;

	public SecurityEvent {
		if (version < 1 || isBlank(id) || isBlank(realm) || isBlank(type) || occurredAt == null) {
			throw new IllegalArgumentException("version, id, realm, type and occurredAt are required");
		}
		details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
	}

	/** @return the routing key to publish this event with */
	public String routingKey() {
		return AmqpNames.eventRoutingKey(this.realm, this.type);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
