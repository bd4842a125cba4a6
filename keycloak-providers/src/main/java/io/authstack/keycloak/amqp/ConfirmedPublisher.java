package io.authstack.keycloak.amqp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

/**
 * Publishes persistent messages and returns only once the broker confirmed every one of them: a nack,
 * an unroutable message returned by a {@code mandatory} publish, a confirm timeout or a lost connection
 * all throw {@link AmqpPublishException}, so a caller never takes "maybe sent" for "sent".
 * <p>
 * One connection per instance, opened on first use and recovered by the client after an outage; a
 * short-lived channel per call, since channels are not shared between threads. Each call declares the
 * publisher's topic exchange (durable, idempotent), so a fresh broker needs no set-up before Keycloak.
 *
 * @see <a href="https://www.rabbitmq.com/docs/confirms#publisher-confirms">RabbitMQ publisher confirms</a>
 */
final class ConfirmedPublisher implements AutoCloseable {

	private final AmqpSettings settings;

	private final ConnectionFactory connectionFactory;

	private final String connectionName;

	private final String exchange;

	private Connection connection;

	ConfirmedPublisher(AmqpSettings settings, String connectionName, String exchange) {
		this.settings = settings;
		this.connectionFactory = settings.connectionFactory();
		this.connectionName = connectionName;
		this.exchange = exchange;
	}

	/**
	 * @param mandatory whether a message no queue takes counts as not sent
	 */
	void publish(List<OutgoingMessage> messages, boolean mandatory) throws AmqpPublishException {
		AtomicReference<String> returned = new AtomicReference<>();
		try (Channel channel = connection().createChannel()) {
			channel.exchangeDeclare(this.exchange, BuiltinExchangeType.TOPIC, true);
			channel.confirmSelect();
			channel.addReturnListener((reply) -> returned.compareAndSet(null, reply.getReplyText() + " ("
					+ reply.getExchange() + " " + reply.getRoutingKey() + ")"));
			for (OutgoingMessage message : messages) {
				AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
					.contentType("application/json")
					.contentEncoding("UTF-8")
					.messageId(message.messageId())
					.build();
				channel.basicPublish(this.exchange, message.routingKey(), mandatory, properties, message.json());
			}
			channel.waitForConfirmsOrDie(this.settings.confirmTimeout().toMillis());
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			throw new AmqpPublishException("RabbitMQ at " + this.settings + " did not confirm the message", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AmqpPublishException("Interrupted while waiting for RabbitMQ's confirm", ex);
		}
		if (returned.get() != null) {
			throw new AmqpPublishException("RabbitMQ could not route the message: " + returned.get(), null);
		}
	}

	/** Opens the connection if it is not open yet, so a misconfiguration shows at once. */
	void checkConnection() throws AmqpPublishException {
		try {
			connection();
		}
		catch (IOException | TimeoutException ex) {
			throw new AmqpPublishException("Cannot connect to RabbitMQ at " + this.settings, ex);
		}
	}

	private synchronized Connection connection() throws IOException, TimeoutException {
		if (this.connection == null) {
			this.connection = this.connectionFactory.newConnection(this.connectionName);
		}
		return this.connection;
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (IOException ex) {
				// Closing on shutdown: the broker drops the connection on its side anyway.
			}
			this.connection = null;
		}
	}

}
