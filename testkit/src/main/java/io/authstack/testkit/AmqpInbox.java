package io.authstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;

/**
 * What a topic exchange on the local RabbitMQ carries, as a test sees it: a temporary queue of its own
 * (exclusive, deleted with the inbox) bound with a routing pattern. The exchange is declared as the
 * producers and the worker declare it (durable topic).
 */
public final class AmqpInbox implements AutoCloseable {

	private final Connection connection;

	private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

	private AmqpInbox(Connection connection) {
		this.connection = connection;
	}

	public static AmqpInbox bind(String exchange, String routingPattern) {
		LocalService.RABBITMQ.require();
		return bind(LocalService.RABBITMQ.host(), LocalService.RABBITMQ.port(), exchange, routingPattern);
	}

	/** The same on another RabbitMQ (guest/guest), such as a node a test started for itself. */
	public static AmqpInbox bind(String host, int port, String exchange, String routingPattern) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host);
		factory.setPort(port);
		try {
			AmqpInbox inbox = new AmqpInbox(factory.newConnection("authstack test inbox"));
			Channel channel = inbox.connection.createChannel();
			channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
			String queue = channel.queueDeclare().getQueue();
			channel.queueBind(queue, exchange, routingPattern);
			channel.basicConsume(queue, true, (tag, delivery) -> inbox.deliveries.add(delivery), (tag) -> {
			});
			return inbox;
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Cannot bind a test queue to " + exchange, ex);
		}
	}

	/** The next message, or an {@link AssertionError} when none comes in time. */
	public Delivery next(Duration timeout) {
		try {
			Delivery delivery = this.deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (delivery == null) {
				throw new AssertionError("No message within " + timeout);
			}
			return delivery;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Takes every message received so far and not yet taken. Other Keycloaks may publish to the same
	 * exchange (other test JVMs on this machine), so callers look for their own messages in it.
	 */
	public List<Delivery> takeAll() {
		List<Delivery> taken = new ArrayList<>();
		this.deliveries.drainTo(taken);
		return taken;
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
