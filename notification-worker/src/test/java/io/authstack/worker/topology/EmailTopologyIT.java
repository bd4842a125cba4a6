package io.authstack.worker.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.authstack.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTopologyIT extends WorkerIntegrationTest {

	@Autowired
	private ConfirmedPublisher publisher;

	@Test
	void emailQueueIsAQuorumQueueDeadLetteringAtLeastOnceIntoTheParkingQueue() {
		// RabbitMQ accepts a re-declaration only with equivalent arguments.
		Map<String, Object> expected = Map.of("x-queue-type", "quorum", "x-dead-letter-strategy", "at-least-once",
				"x-overflow", "reject-publish", "x-dead-letter-exchange", "", "x-dead-letter-routing-key",
				PARKING_QUEUE, "x-delivery-limit", 10);

		this.rabbitTemplate.execute((channel) -> channel.queueDeclare(QUEUE, true, false, false, expected));

		assertThatThrownBy(() -> this.rabbitTemplate
			.execute((channel) -> channel.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "classic"))))
			.hasStackTraceContaining("PRECONDITION_FAILED");
	}

	@Test
	void retryQueuesHoldMessagesForTheirDelayThenDeadLetterThemBackIntoTheEmailQueue() {
		for (int attempt = 0; attempt < this.topology.retryDelays().size(); attempt++) {
			Map<String, Object> expected = Map.of("x-queue-type", "quorum", "x-dead-letter-strategy",
					"at-least-once", "x-overflow", "reject-publish", "x-dead-letter-exchange", "",
					"x-dead-letter-routing-key", QUEUE, "x-message-ttl",
					(int) this.topology.retryDelays().get(attempt).toMillis());
			String retryQueue = this.topology.retryQueue(attempt);

			this.rabbitTemplate.execute((channel) -> channel.queueDeclare(retryQueue, true, false, false, expected));
		}
		assertThat(this.topology.retryQueue(0)).isEqualTo(QUEUE + ".retry.500ms");
	}

	@Test
	void securityEventsExchangeIsADurableTopicExchange() {
		this.rabbitTemplate.execute((channel) -> channel.exchangeDeclare(EVENTS_EXCHANGE, "topic", true));

		assertThatThrownBy(() -> this.rabbitTemplate
			.execute((channel) -> channel.exchangeDeclare(EVENTS_EXCHANGE, "direct", true)))
			.hasStackTraceContaining("PRECONDITION_FAILED");
	}

	@Test
	void confirmedPublishIntoAnExistingQueueArrives() {
		Message message = MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8)).setMessageId(RUN).build();

		this.publisher.publishToQueue(PARKING_QUEUE, message);

		Message parked = nextParked(Duration.ofSeconds(5));
		assertThat(parked).isNotNull();
		assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(RUN);
	}

	@Test
	void confirmedPublishIntoAMissingQueueFailsInsteadOfLosingTheMessage() {
		Message message = MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8)).build();

		assertThatThrownBy(() -> this.publisher.publishToQueue("no-such-queue-" + RUN, message))
			.isInstanceOf(AmqpException.class)
			.hasMessageContaining("312 NO_ROUTE");
	}

}
