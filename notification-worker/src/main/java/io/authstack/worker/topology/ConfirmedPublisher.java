package io.authstack.worker.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ReturnListener;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.util.Assert;

/**
 * Puts a message into one of the worker's own queues and returns only once the broker confirmed it,
 * so that the caller may then ack the delivery it came from: never an ack before the copy is safe.
 * The message is published {@code mandatory}: a queue that does not exist (the broker would confirm
 * the message and drop it) is a failure too.
 *
 * <p>Needs {@code spring.rabbitmq.publisher-confirm-type=simple}.
 *
 * @see <a href="https://www.rabbitmq.com/docs/confirms#publisher-confirms">RabbitMQ: publisher
 * confirms</a>
 */
public final class ConfirmedPublisher {

	/** The default exchange routes a message to the queue named by its routing key. */
	private static final String DEFAULT_EXCHANGE = "";

	private final MessagePropertiesConverter propertiesConverter = new DefaultMessagePropertiesConverter();

	private final RabbitTemplate rabbitTemplate;

	private final Duration confirmTimeout;

	public ConfirmedPublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
		Assert.notNull(rabbitTemplate, "rabbitTemplate cannot be null");
		Assert.notNull(confirmTimeout, "confirmTimeout cannot be null");
		this.rabbitTemplate = rabbitTemplate;
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * @throws AmqpException when the broker returns or nacks the message, its confirm does not come in
	 * time or the connection fails: the caller must not ack the message's source
	 */
	public void publishToQueue(String queue, Message message) {
		AMQP.BasicProperties properties = this.propertiesConverter
			.fromMessageProperties(message.getMessageProperties(), StandardCharsets.UTF_8.name());
		this.rabbitTemplate.execute((channel) -> {
			publishToQueue(channel, queue, properties, message.getBody());
			return null;
		});
	}

	/**
	 * The same on a channel the caller holds (in confirm mode), for moving messages between queues
	 * with {@code basic.get}.
	 */
	public void publishToQueue(Channel channel, String queue, AMQP.BasicProperties properties, byte[] body)
			throws IOException, InterruptedException, TimeoutException {
		AtomicReference<Return> returned = new AtomicReference<>();
		ReturnListener listener = channel.addReturnListener(returned::set);
		try {
			channel.basicPublish(DEFAULT_EXCHANGE, queue, true, properties, body);
			// The broker sends a return before the confirm of the same message: once confirmed, any return is in.
			channel.waitForConfirmsOrDie(this.confirmTimeout.toMillis());
		}
		finally {
			channel.removeReturnListener(listener);
		}
		if (returned.get() != null) {
			throw new AmqpException("The broker could not route the message to queue '" + queue + "': "
					+ returned.get().getReplyCode() + " " + returned.get().getReplyText());
		}
	}

}
