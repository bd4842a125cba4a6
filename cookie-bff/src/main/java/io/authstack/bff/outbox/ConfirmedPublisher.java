package io.authstack.bff.outbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.authstack.contract.AmqpNames;
import io.authstack.contract.EmailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Publishes one email job to {@value AmqpNames#NOTIFICATIONS_EXCHANGE} with routing key {@code email.<kind>}, as the
 * contract asks: persistent, {@code mandatory}, the job's id as {@code message-id}, and taken only once RabbitMQ
 * confirmed it. A nack, a return (no queue bound), no confirm within {@code publish-timeout} or no connection is
 * "not taken". Every wait is bounded: the connection by {@code spring.rabbitmq.connection-timeout}, a channel open
 * by {@code spring.rabbitmq.channel-rpc-timeout}, the confirm by {@code publish-timeout}.
 *
 * @see <a href="https://www.rabbitmq.com/docs/confirms#publisher-confirms">RabbitMQ publisher confirms</a>
 * @see <a href="https://docs.spring.io/spring-amqp/reference/amqp/template.html#template-confirms">Spring AMQP:
 * correlated publisher confirms and returns</a>
 */
@Component
final class ConfirmedPublisher {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmedPublisher.class);

	private final RabbitTemplate rabbit;

	private final OutboxProperties properties;

	ConfirmedPublisher(RabbitTemplate rabbit, OutboxProperties properties) {
		Assert.notNull(rabbit, "rabbit cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.rabbit = rabbit;
		this.properties = properties;
	}

	/**
	 * @param email the job
	 * @param json the job as it is published (the outbox keeps exactly these bytes)
	 * @return whether RabbitMQ confirmed it
	 */
	boolean publish(EmailMessage email, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setContentEncoding("UTF-8")
			.setMessageId(email.id())
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
		CorrelationData correlation = new CorrelationData(email.id());
		try {
			this.rabbit.send(AmqpNames.NOTIFICATIONS_EXCHANGE, email.routingKey(), message, correlation);
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				return notTaken(email, "nacked: " + confirm.reason());
			}
			// With mandatory and correlated confirms, a return arrives before the confirm of the same message.
			if (correlation.getReturned() != null) {
				return notTaken(email, "returned: " + correlation.getReturned().getReplyText());
			}
			return true;
		}
		catch (AmqpException | ExecutionException ex) {
			return notTaken(email, ex.toString());
		}
		catch (TimeoutException ex) {
			return notTaken(email, "no confirm within " + this.properties.publishTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return notTaken(email, "interrupted");
		}
	}

	private static boolean notTaken(EmailMessage email, String why) {
		logger.warn("RabbitMQ did not take email job {} ({}), which waits in the outbox: {}", email.id(),
				email.kind(), why);
		return false;
	}

}
