package io.authstack.worker.jobs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.authstack.contract.AmqpNames;
import io.authstack.worker.topology.ConfirmedPublisher;
import io.authstack.worker.topology.EmailTopologyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Moves parked emails back into the email queue, for a fresh series of attempts: for when the cause is
 * fixed (the SMTP server is back, its credentials corrected). Takes at most the messages parked when it
 * starts, so that one that is parked again at once is not looped over. Each message is republished
 * with a broker confirm before it leaves the parking queue: none is lost if the re-drive fails midway.
 * Expired ones come back to the parking queue as expired; the idempotency key still prevents a second
 * send of one that went out before.
 */
final class ParkedEmailRedrive {

	static final String NAME = "redrive-parked-emails";

	private static final Logger logger = LoggerFactory.getLogger(ParkedEmailRedrive.class);

	private final RabbitTemplate rabbitTemplate;

	private final AmqpAdmin amqpAdmin;

	private final EmailTopologyProperties topology;

	private final ConfirmedPublisher publisher;

	ParkedEmailRedrive(RabbitTemplate rabbitTemplate, AmqpAdmin amqpAdmin, EmailTopologyProperties topology,
			ConfirmedPublisher publisher) {
		this.rabbitTemplate = rabbitTemplate;
		this.amqpAdmin = amqpAdmin;
		this.topology = topology;
		this.publisher = publisher;
	}

	/** @return how many messages wait in the parking queue */
	long parked() {
		QueueInformation information = this.amqpAdmin.getQueueInfo(this.topology.parkingQueue());
		return (information != null) ? information.getMessageCount() : 0;
	}

	/** @return how many messages were moved back */
	int redrive(int max) {
		long budget = Math.min(max, parked());
		Integer moved = this.rabbitTemplate.execute((channel) -> {
			int count = 0;
			while (count < budget && moveOne(channel)) {
				count++;
			}
			return count;
		});
		logger.info("Re-drove {} parked email jobs into {}", moved, this.topology.queue());
		return (moved != null) ? moved : 0;
	}

	private boolean moveOne(Channel channel) throws IOException, InterruptedException, TimeoutException {
		GetResponse parked = channel.basicGet(this.topology.parkingQueue(), false);
		if (parked == null) {
			return false;
		}
		Map<String, Object> headers = new HashMap<>();
		if (parked.getProps().getHeaders() != null) {
			headers.putAll(parked.getProps().getHeaders());
		}
		headers.remove(AmqpNames.PARKED_REASON_HEADER);
		headers.remove(AmqpNames.PARKED_DETAIL_HEADER);
		headers.remove(AmqpNames.PARKED_AT_HEADER);
		headers.remove(AmqpNames.ATTEMPT_HEADER);
		AMQP.BasicProperties properties = parked.getProps().builder().headers(headers).deliveryMode(2).build();
		long deliveryTag = parked.getEnvelope().getDeliveryTag();
		try {
			this.publisher.publishToQueue(channel, this.topology.queue(), properties, parked.getBody());
		}
		catch (IOException | RuntimeException ex) {
			// Back into the parking queue at once, not held unacked on a cached channel.
			if (channel.isOpen()) {
				channel.basicNack(deliveryTag, false, true);
			}
			throw ex;
		}
		channel.basicAck(deliveryTag, false);
		return true;
	}

}
