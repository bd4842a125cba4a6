package io.authstack.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emails Keycloak hands to RabbitMQ for sending (Keycloak runs with our AMQP email sender), as a test
 * reads them without a worker: every email job published to {@code authstack.notifications} while the
 * outbox is open, collected in the background.
 */
public final class KeycloakOutbox implements AutoCloseable {

	/** One email as Keycloak rendered it. */
	public record Email(String recipient, String subject, String text, String html) {

		/** Text and HTML bodies together, for assertions on what the email says. */
		public String body() {
			return this.text + "\n" + this.html;
		}

	}

	private static final String NOTIFICATIONS_EXCHANGE = "authstack.notifications";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Connection connection;

	private final List<Email> emails = new CopyOnWriteArrayList<>();

	private KeycloakOutbox(Connection connection) {
		this.connection = connection;
	}

	public static KeycloakOutbox open() {
		LocalService.RABBITMQ.require();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(LocalService.RABBITMQ.host());
		factory.setPort(LocalService.RABBITMQ.port());
		try {
			KeycloakOutbox outbox = new KeycloakOutbox(factory.newConnection("authstack test outbox"));
			Channel channel = outbox.connection.createChannel();
			channel.exchangeDeclare(NOTIFICATIONS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
			String queue = channel.queueDeclare().getQueue();
			channel.queueBind(queue, NOTIFICATIONS_EXCHANGE, "email.#");
			channel.basicConsume(queue, true, (tag, delivery) -> outbox.emails.add(parse(delivery.getBody())),
					(tag) -> {
					});
			return outbox;
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Cannot bind a test queue to " + NOTIFICATIONS_EXCHANGE, ex);
		}
	}

	/** The emails to {@code address} received so far, oldest first. */
	public List<Email> to(String address) {
		return this.emails.stream().filter((email) -> email.recipient().equals(address)).toList();
	}

	private static Email parse(byte[] body) {
		JsonNode job = JSON.readTree(new String(body, StandardCharsets.UTF_8));
		return new Email(job.path("recipient").asString(""), job.path("subject").asString(""),
				job.path("text").asString(""), job.path("html").asString(""));
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
