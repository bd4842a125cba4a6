package io.authstack.worker.topology;

import java.time.Duration;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.util.Assert;

/**
 * Puts a message into one of the worker's own queues and returns only once the broker confirmed it,
 * so that the caller may then ack the delivery it came from: never an ack before the copy is safe.
 *
 * <p>Needs {@code spring.rabbitmq.publisher-confirm-type=simple}.
 *
 * @see <a href="https://www.rabbitmq.com/docs/confirms#publisher-confirms">RabbitMQ: publisher
 * confirms</a>
 */
public final class ConfirmedPublisher {

	/** The default exchange routes a message to the queue named by its routing key. */
	private static final String DEFAULT_EXCHANGE = "";

	private final RabbitTemplate rabbitTemplate;

	private final Duration confirmTimeout;

	public ConfirmedPublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
		Assert.notNull(rabbitTemplate, "rabbitTemplate cannot be null");
		Assert.notNull(confirmTimeout, "confirmTimeout cannot be null");
		this.rabbitTemplate = rabbitTemplate;
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * @throws org.springframework.amqp.AmqpException when the broker nacks, the confirm does not come in
	 * time or the connection fails: the message may or may not be in the queue, so the caller must not
	 * ack its source
	 */
	public void publishToQueue(String queue, Message message) {
		this.rabbitTemplate.invoke((operations) -> {
			operations.send(DEFAULT_EXCHANGE, queue, message);
			operations.waitForConfirmsOrDie(this.confirmTimeout.toMillis());
			return null;
		});
	}

}
