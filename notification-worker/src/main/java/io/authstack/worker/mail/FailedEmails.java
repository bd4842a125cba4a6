package io.authstack.worker.mail;

import java.time.Clock;

import io.authstack.contract.AmqpNames;
import io.authstack.worker.topology.ConfirmedPublisher;
import io.authstack.worker.topology.EmailTopologyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.util.Assert;

/**
 * Where an email goes when it is not sent now: into the retry queue for its next delay, or into the
 * parking queue with the reason in its headers. Each copy is confirmed by the broker before the caller
 * acks the original, so a failure here leaves the original in the queue (at least once, never lost).
 */
public final class FailedEmails {

	private static final Logger logger = LoggerFactory.getLogger(FailedEmails.class);

	private final ConfirmedPublisher publisher;

	private final EmailTopologyProperties topology;

	private final EmailMetrics metrics;

	private final Clock clock;

	public FailedEmails(ConfirmedPublisher publisher, EmailTopologyProperties topology, EmailMetrics metrics,
			Clock clock) {
		Assert.notNull(publisher, "publisher cannot be null");
		Assert.notNull(topology, "topology cannot be null");
		Assert.notNull(metrics, "metrics cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.publisher = publisher;
		this.topology = topology;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Parks the message with its reason, never to be sent unless re-driven. */
	public void park(Message message, ParkReason reason, String detail) {
		Message parked = MessageBuilder.fromClonedMessage(message)
			.setHeader(AmqpNames.PARKED_REASON_HEADER, reason.headerValue())
			.setHeader(AmqpNames.PARKED_DETAIL_HEADER, (detail != null) ? detail : "")
			.setHeader(AmqpNames.PARKED_AT_HEADER, this.clock.instant().toString())
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
		this.publisher.publishToQueue(this.topology.parkingQueue(), parked);
		this.metrics.parked(reason);
		logger.warn("Parked email job {} ({}): {}", messageId(message), reason.headerValue(), detail);
	}

	/** After a temporary failure: the next retry queue, or the parking queue once the delays are used up. */
	public void retryOrPark(Message message, String detail) {
		int failed = failedAttempts(message);
		if (!this.topology.canRetryAfter(failed)) {
			park(message, ParkReason.RETRIES_EXHAUSTED, "after " + (failed + 1) + " attempts: " + detail);
			return;
		}
		this.publisher.publishToQueue(this.topology.retryQueue(failed), withAttempts(message, failed + 1));
		this.metrics.retried();
		logger.info("Email job {} failed (attempt {}), retrying after {}: {}", messageId(message), failed + 1,
				this.topology.retryDelays().get(failed), detail);
	}

	/** Another worker holds the email: look again after the first delay, without counting an attempt. */
	public void defer(Message message) {
		this.publisher.publishToQueue(this.topology.retryQueue(0), withAttempts(message, failedAttempts(message)));
	}

	static int failedAttempts(Message message) {
		Object attempts = message.getMessageProperties().getHeader(AmqpNames.ATTEMPT_HEADER);
		return (attempts instanceof Number number) ? number.intValue() : 0;
	}

	private static Message withAttempts(Message message, int attempts) {
		return MessageBuilder.fromClonedMessage(message)
			.setHeader(AmqpNames.ATTEMPT_HEADER, attempts)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
	}

	private static String messageId(Message message) {
		String id = message.getMessageProperties().getMessageId();
		return (id != null) ? id : "(no message id)";
	}

}
