package io.authstack.bff.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.contract.AmqpNames;
import io.authstack.contract.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the security event stream ({@value AmqpNames#EVENTS_EXCHANGE}, routing key {@code <realm>.<type>}, the
 * same contract as Keycloak's events) that the BFF ended a session for cause. Published off the request thread,
 * so that a broker that blocks publishers never holds a request; the revocation itself never waits for it, and
 * the warning in the log stays the record if the event cannot be queued.
 */
@Component
final class SecurityEventPublisher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SecurityEventPublisher.class);

	private final RabbitTemplate rabbit;

	private final JsonMapper json;

	private final KeycloakProperties keycloak;

	private final ThreadPoolExecutor publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), (task) -> new Thread(task, "security-events"));

	SecurityEventPublisher(RabbitTemplate rabbit, JsonMapper json, KeycloakProperties keycloak) {
		this.rabbit = rabbit;
		this.json = json;
		this.keycloak = keycloak;
	}

	void sessionRevoked(Revocation.Reason reason, Revocation revocation) {
		SecurityEvent event = new SecurityEvent(SecurityEvent.CURRENT_VERSION, UUID.randomUUID().toString(),
				this.keycloak.realm(), reason.eventType(), false, revocation.userId(), this.keycloak.clientId(),
				revocation.sessionId(), revocation.client().address().getHostAddress(), reason.code(), null,
				Map.of("action", "session_revoked"), Instant.now());
		Message message = MessageBuilder.withBody(this.json.writeValueAsBytes(event))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setMessageId(event.id())
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
		try {
			this.publisher.execute(() -> publish(event, message));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Security event {} of session {} not queued: the publisher is backed up", event.type(),
					revocation.sessionId());
		}
	}

	private void publish(SecurityEvent event, Message message) {
		try {
			this.rabbit.send(AmqpNames.EVENTS_EXCHANGE, event.routingKey(), message);
		}
		catch (RuntimeException ex) {
			logger.warn("Security event {} of session {} not published: {}", event.type(), event.sessionId(),
					ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.publisher.shutdown();
	}

}
