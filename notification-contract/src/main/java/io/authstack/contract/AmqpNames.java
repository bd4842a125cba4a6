package io.authstack.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * The names producers and the worker agree on in RabbitMQ: exchanges, queues, routing keys and the
 * headers the worker adds to a message it parks.
 *
 * <p>Email jobs go to the topic exchange {@value #NOTIFICATIONS_EXCHANGE} with routing key
 * {@code email.<kind>}; the quorum queue {@value #EMAIL_QUEUE} takes them all. A failed send waits in
 * one of the retry queues ({@code authstack.email.retry.<delay>}, a TTL that dead-letters back into
 * {@value #EMAIL_QUEUE}); what cannot be sent waits in {@value #EMAIL_PARKING_QUEUE} with the reason in
 * its headers. Security events go to the topic exchange {@value #EVENTS_EXCHANGE} with routing key
 * {@code <realm>.<event type>}.
 *
 * <p>Producers publish JSON ({@code content-type: application/json}, instants as ISO-8601 strings),
 * persistent, {@code mandatory}, with publisher confirms, and set the AMQP {@code message-id} to the
 * message's {@code id}. Exchanges are durable topic exchanges; a producer that declares one must
 * declare it exactly so, or the broker refuses the second declaration.
 *
 * @see <a href="https://www.rabbitmq.com/docs/quorum-queues#dead-lettering">RabbitMQ quorum queues:
 * at-least-once dead-lettering</a>
 */
public final class AmqpNames {

	/** Topic exchange for email jobs (durable). */
	public static final String NOTIFICATIONS_EXCHANGE = "authstack.notifications";

	/** The quorum queue the worker consumes email jobs from. */
	public static final String EMAIL_QUEUE = "authstack.email";

	/** Binding of {@link #EMAIL_QUEUE} to {@link #NOTIFICATIONS_EXCHANGE}: every email kind. */
	public static final String EMAIL_BINDING = "email.#";

	/** Between the email queue's name and the delay in a retry queue's name: see {@link #retryQueue(String, Duration)}. */
	public static final String EMAIL_RETRY_QUEUE_SUFFIX = ".retry.";

	/** Where messages the worker gave up on wait for a human (or a re-drive). */
	public static final String EMAIL_PARKING_QUEUE = "authstack.email.parked";

	/** Topic exchange for security events (durable). */
	public static final String EVENTS_EXCHANGE = "authstack.events";

	/** Why a message was parked: one of {@code expired}, {@code malformed}, {@code rejected}, ... */
	public static final String PARKED_REASON_HEADER = "x-authstack-parked-reason";

	/** A human-readable detail for {@link #PARKED_REASON_HEADER}, such as the SMTP server's reply. */
	public static final String PARKED_DETAIL_HEADER = "x-authstack-parked-detail";

	/** When the message was parked, ISO-8601. */
	public static final String PARKED_AT_HEADER = "x-authstack-parked-at";

	/** How many delivery attempts failed before this one (absent on the first). */
	public static final String ATTEMPT_HEADER = "x-authstack-attempt";

	private AmqpNames() {
	}

	/**
	 * @param kind the email's kind, such as {@code verify-email}
	 * @return the routing key a producer publishes an email job with
	 */
	public static String emailRoutingKey(String kind) {
		return "email." + Objects.requireNonNull(kind, "kind cannot be null");
	}

	/**
	 * @param realm the Keycloak realm the event happened in
	 * @param eventType the event's type, such as {@code LOGIN_ERROR}
	 * @return {@code <realm>.<event type>}
	 */
	public static String eventRoutingKey(String realm, String eventType) {
		return Objects.requireNonNull(realm, "realm cannot be null") + "."
				+ Objects.requireNonNull(eventType, "eventType cannot be null");
	}

	/**
	 * The retry queue for one delay. The delay is part of the name because a queue's TTL cannot change
	 * once declared: another delay is another queue.
	 * @param emailQueue the email queue the retry queue feeds back into
	 * @param delay how long a message waits there
	 * @return for example {@code authstack.email.retry.10s} or {@code authstack.email.retry.500ms}
	 */
	public static String retryQueue(String emailQueue, Duration delay) {
		long millis = delay.toMillis();
		String suffix = (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
		return emailQueue + EMAIL_RETRY_QUEUE_SUFFIX + suffix;
	}

}
