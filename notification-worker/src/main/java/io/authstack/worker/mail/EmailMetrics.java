package io.authstack.worker.mail;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * The worker's email meters, exported to Prometheus as {@code authstack_worker_emails_sent_total},
 * {@code ..._retried_total}, {@code ..._parked_total{reason}} (an expired email is parked with
 * {@code reason="expired"}), {@code ..._duplicates_dropped_total}, the queue lag
 * {@code authstack_worker_queue_lag_seconds{delivery}} and the SMTP latency
 * {@code authstack_worker_smtp_send_seconds{outcome}}. Every tag value comes from an enum here: no address,
 * user or message id ever becomes a tag.
 */
public final class EmailMetrics {

	/** Buckets for the queue lag: seconds when all is well, up to the retry delays and beyond. */
	private static final Duration[] LAG_BUCKETS = { Duration.ofSeconds(1), Duration.ofSeconds(5),
			Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofHours(1) };

	/** Buckets for one SMTP send, up to the 30 s read timeout. */
	private static final Duration[] SMTP_BUCKETS = { Duration.ofMillis(50), Duration.ofMillis(100),
			Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30) };

	private final MeterRegistry registry;

	private final Counter sent;

	private final Counter retried;

	private final Counter duplicateDropped;

	private final Map<ParkReason, Counter> parked = new EnumMap<>(ParkReason.class);

	private final Map<Delivery, Timer> lag = new EnumMap<>(Delivery.class);

	private final Map<SmtpOutcome, Timer> smtp = new EnumMap<>(SmtpOutcome.class);

	public EmailMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		this.registry = registry;
		this.sent = Counter.builder("authstack.worker.emails.sent")
			.description("Emails the SMTP server accepted")
			.register(registry);
		this.retried = Counter.builder("authstack.worker.emails.retried")
			.description("Failed attempts put back for a later retry")
			.register(registry);
		this.duplicateDropped = Counter.builder("authstack.worker.emails.duplicates.dropped")
			.description("Deliveries of an email already sent, acknowledged and dropped")
			.register(registry);
		for (ParkReason reason : ParkReason.values()) {
			this.parked.put(reason, Counter.builder("authstack.worker.emails.parked")
				.description("Emails parked instead of sent")
				.tag("reason", reason.headerValue())
				.register(registry));
		}
		for (Delivery delivery : Delivery.values()) {
			this.lag.put(delivery, Timer.builder("authstack.worker.queue.lag")
				.description("Age of an email (since its producer created it) when the worker takes it from the queue")
				.tag("delivery", delivery.tagValue)
				.serviceLevelObjectives(LAG_BUCKETS)
				.register(registry));
		}
		for (SmtpOutcome outcome : SmtpOutcome.values()) {
			this.smtp.put(outcome, Timer.builder("authstack.worker.smtp.send")
				.description("One email handed to the SMTP server, until its reply or the failure")
				.tag("outcome", outcome.tagValue)
				.serviceLevelObjectives(SMTP_BUCKETS)
				.register(registry));
		}
	}

	void sent() {
		this.sent.increment();
	}

	void retried() {
		this.retried.increment();
	}

	void duplicateDropped() {
		this.duplicateDropped.increment();
	}

	void parked(ParkReason reason) {
		this.parked.get(reason).increment();
	}

	/** @param age since the producer created the email; negative (the producer's clock ahead) counts as zero */
	void consumed(Duration age, Delivery delivery) {
		this.lag.get(delivery).record(age.isNegative() ? Duration.ZERO : age);
	}

	Timer.Sample smtpStarted() {
		return Timer.start(this.registry);
	}

	void smtpFinished(Timer.Sample started, SmtpOutcome outcome) {
		started.stop(this.smtp.get(outcome));
	}

	/** Whether the worker takes an email from the queue for its first attempt or after a failed one. */
	enum Delivery {

		FIRST("first"), RETRY("retry");

		private final String tagValue;

		Delivery(String tagValue) {
			this.tagValue = tagValue;
		}

	}

	/** How one SMTP send ended, as {@link SmtpFailure} reads it. */
	enum SmtpOutcome {

		ACCEPTED("accepted"), TEMPORARY_FAILURE("temporary-failure"), PERMANENT_FAILURE("permanent-failure");

		private final String tagValue;

		SmtpOutcome(String tagValue) {
			this.tagValue = tagValue;
		}

	}

}
