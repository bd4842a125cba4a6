package io.authstack.worker.mail;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The worker's email counters, exported to Prometheus as {@code authstack_worker_emails_sent_total},
 * {@code ..._retried_total}, {@code ..._parked_total{reason}} and {@code ..._duplicates_dropped_total}.
 */
public final class EmailMetrics {

	private final Counter sent;

	private final Counter retried;

	private final Counter duplicateDropped;

	private final Map<ParkReason, Counter> parked = new EnumMap<>(ParkReason.class);

	public EmailMetrics(MeterRegistry registry) {
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

}
