package io.authstack.worker.topology;

import java.util.ArrayList;
import java.util.List;

import io.authstack.contract.AmqpNames;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.QueueBuilder.Overflow;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the email topology of DESIGN.md ("Email and events"); Spring AMQP's {@code RabbitAdmin}
 * declares it on every (re)connection.
 *
 * <ul>
 * <li>The email queue is a quorum queue whose dead letters (a message past its delivery limit) go to
 * the parking queue at least once: {@code x-dead-letter-strategy=at-least-once} needs
 * {@code x-overflow=reject-publish}, so a full queue refuses new messages (the producer sees a nack)
 * instead of dropping old ones.</li>
 * <li>Each retry queue holds messages for its delay ({@code x-message-ttl}) and then dead-letters them,
 * at least once too, back into the email queue through the default exchange.</li>
 * <li>The parking queue keeps what the worker gave up on until a re-drive.</li>
 * <li>The security events exchange, a durable topic exchange, declared by producers alike.</li>
 * </ul>
 *
 * @see <a href="https://www.rabbitmq.com/docs/quorum-queues#dead-lettering">RabbitMQ: quorum queue
 * dead-lettering</a>
 */
@Configuration(proxyBeanMethods = false)
class EmailTopologyConfiguration {

	private static final String DEAD_LETTER_STRATEGY = "x-dead-letter-strategy";

	private static final String AT_LEAST_ONCE = "at-least-once";

	/** The default exchange: routes by queue name. */
	private static final String DEFAULT_EXCHANGE = "";

	@Bean
	Declarables emailTopology(EmailTopologyProperties topology) {
		List<Declarable> declarables = new ArrayList<>();
		TopicExchange exchange = ExchangeBuilder.topicExchange(topology.exchange()).durable(true).build();
		Queue email = QueueBuilder.durable(topology.queue())
			.quorum()
			.deliveryLimit(topology.deliveryLimit())
			.overflow(Overflow.rejectPublish)
			.deadLetterExchange(DEFAULT_EXCHANGE)
			.deadLetterRoutingKey(topology.parkingQueue())
			.withArgument(DEAD_LETTER_STRATEGY, AT_LEAST_ONCE)
			.build();
		Binding binding = BindingBuilder.bind(email).to(exchange).with(AmqpNames.EMAIL_BINDING);
		declarables.add(exchange);
		declarables.add(email);
		declarables.add(binding);
		for (int attempt = 0; attempt < topology.retryDelays().size(); attempt++) {
			declarables.add(QueueBuilder.durable(topology.retryQueue(attempt))
				.quorum()
				.ttl(Math.toIntExact(topology.retryDelays().get(attempt).toMillis()))
				.overflow(Overflow.rejectPublish)
				.deadLetterExchange(DEFAULT_EXCHANGE)
				.deadLetterRoutingKey(topology.queue())
				.withArgument(DEAD_LETTER_STRATEGY, AT_LEAST_ONCE)
				.build());
		}
		declarables.add(QueueBuilder.durable(topology.parkingQueue()).quorum().build());
		declarables.add(ExchangeBuilder.topicExchange(topology.eventsExchange()).durable(true).build());
		return new Declarables(declarables);
	}

}
