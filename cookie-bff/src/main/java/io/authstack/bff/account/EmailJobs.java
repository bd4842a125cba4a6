package io.authstack.bff.account;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.contract.AmqpNames;
import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the BFF's email jobs for the worker to {@value AmqpNames#NOTIFICATIONS_EXCHANGE} with routing key
 * {@code email.<kind>}: persistent, {@code mandatory}, and returning only once RabbitMQ confirmed the message.
 * A nack, a return (no queue bound) or no confirm in time is "not sent": {@code upstream_unavailable}, never a
 * silent loss.
 *
 * @see <a href="https://www.rabbitmq.com/docs/confirms#publisher-confirms">RabbitMQ publisher confirms</a>
 * @see <a href="https://docs.spring.io/spring-amqp/reference/amqp/template.html#template-confirms">Spring AMQP:
 * correlated publisher confirms and returns</a>
 */
@Component
final class EmailJobs {

	private final RabbitTemplate rabbit;

	private final JsonMapper json;

	private final AccountProperties properties;

	private final String realm;

	EmailJobs(RabbitTemplate rabbit, JsonMapper json, AccountProperties properties,
			io.authstack.bff.keycloak.KeycloakProperties keycloak) {
		Assert.notNull(rabbit, "rabbit cannot be null");
		Assert.notNull(json, "json cannot be null");
		this.rabbit = rabbit;
		this.json = json;
		this.properties = properties;
		String issuer = keycloak.issuer().toString().replaceAll("/+$", "");
		this.realm = issuer.substring(issuer.lastIndexOf('/') + 1);
	}

	/**
	 * @param expiresAt when the email stops being worth sending (the worker parks it after)
	 * @throws ProblemException {@code upstream_unavailable} when RabbitMQ did not take the job
	 */
	void send(EmailTemplate template, String recipient, Map<String, Object> model, Instant expiresAt) {
		String id = UUID.randomUUID().toString();
		EmailMessage email = EmailMessage.templated(id, template, this.realm, recipient, null, model, Instant.now(),
				expiresAt);
		Message message = MessageBuilder.withBody(this.json.writeValueAsBytes(email))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setContentEncoding("UTF-8")
			.setMessageId(id)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
		CorrelationData correlation = new CorrelationData(id);
		try {
			this.rabbit.send(AmqpNames.NOTIFICATIONS_EXCHANGE, email.routingKey(), message, correlation);
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				throw notSent("nacked: " + confirm.reason(), null);
			}
			// With mandatory and correlated confirms, a return arrives before the confirm of the same message.
			if (correlation.getReturned() != null) {
				throw notSent("returned: " + correlation.getReturned().getReplyText(), null);
			}
		}
		catch (AmqpException | ExecutionException | TimeoutException ex) {
			throw notSent(ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw notSent("interrupted", ex);
		}
	}

	/**
	 * Fails as {@link #send} would when RabbitMQ cannot be reached, before anything is looked up. The calls that
	 * email only addresses with an account check this first, so an outage answers {@code upstream_unavailable}
	 * whether or not the address has one: the outage is no oracle for which addresses do.
	 *
	 * @throws ProblemException {@code upstream_unavailable} when no channel to RabbitMQ opens
	 */
	void requireReachable() {
		try {
			this.rabbit.execute((channel) -> channel.isOpen());
		}
		catch (AmqpException ex) {
			throw notSent("RabbitMQ unreachable", ex);
		}
	}

	private static ProblemException notSent(String why, Throwable cause) {
		return new ProblemException(ProblemCode.UPSTREAM_UNAVAILABLE,
				"The email could not be queued; try again shortly.",
				(cause != null) ? cause : new IllegalStateException("Email job " + why));
	}

}
