package io.authstack.bff.revocation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authstack.bff.account.KeycloakUsers;
import io.authstack.contract.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a realm admin does to a user in the console into a revocation at once: Keycloak's admin events
 * (through our AMQP event listener) for a user disabled, deleted or signed out set {@code bl:user}, so the
 * user's access cookie fails at its next request instead of working out its lifetime. An update only
 * revokes when the user is now disabled (the event carries no representation, so Keycloak is asked).
 *
 * @see AdminEventsConfiguration
 */
@Component
final class AdminEventRevocations {

	private static final Logger logger = LoggerFactory.getLogger(AdminEventRevocations.class);

	/** {@code users/<id>} or {@code users/<id>/logout}, as Keycloak names the resource of an admin event. */
	private static final Pattern USER_RESOURCE = Pattern.compile("users/([A-Za-z0-9-]{1,64})(/logout)?");

	private final RevocationStore revocations;

	private final KeycloakUsers users;

	private final JsonMapper json;

	AdminEventRevocations(RevocationStore revocations, KeycloakUsers users, JsonMapper json) {
		this.revocations = revocations;
		this.users = users;
		this.json = json;
	}

	@RabbitListener(queues = "#{@adminEventsQueue.name}")
	void onAdminEvent(Message message) {
		Optional<SecurityEvent> event = read(message.getBody());
		event.flatMap(this::revokedUser).ifPresent((userId) -> {
			this.revocations.revokeUser(userId, event.get().occurredAt());
			logger.info("User {} revoked after admin event {}", userId, event.get().type());
		});
	}

	/** The user whose tokens the event voids, if it voids any. */
	private Optional<String> revokedUser(SecurityEvent event) {
		Matcher resource = USER_RESOURCE.matcher(String.valueOf(event.resourcePath()));
		if (!event.admin() || event.error() != null || !resource.matches()) {
			return Optional.empty();
		}
		String userId = resource.group(1);
		boolean logout = resource.group(2) != null;
		return switch (event.type()) {
			case "ADMIN_DELETE" -> logout ? Optional.empty() : Optional.of(userId);
			case "ADMIN_ACTION" -> logout ? Optional.of(userId) : Optional.empty();
			case "ADMIN_UPDATE" -> (!logout && !this.users.isEnabled(userId)) ? Optional.of(userId) : Optional.empty();
			default -> Optional.empty();
		};
	}

	private Optional<SecurityEvent> read(byte[] body) {
		try {
			return Optional.of(this.json.readValue(body, SecurityEvent.class));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// Not ours to fix and nothing to retry: an event we cannot read revokes nothing.
			logger.warn("Unreadable security event dropped: {}", ex.getMessage());
			return Optional.empty();
		}
	}

}
