package io.authstack.worker.topology;

import java.time.Duration;
import java.util.List;

import io.authstack.contract.AmqpNames;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where email jobs live in RabbitMQ ({@code authstack.worker.topology.*}). The defaults are the
 * contract's names; tests give every run names of its own.
 *
 * @param exchange the topic exchange producers publish email jobs to
 * @param queue the quorum queue the worker consumes
 * @param parkingQueue where messages the worker gave up on wait
 * @param retryDelays how long a message waits before its n-th retry; one retry queue per delay, and a
 * message that failed once more than there are delays is parked
 * @param deliveryLimit how often the broker delivers one message before dead-lettering it to the
 * parking queue by itself (a message that keeps crashing workers)
 * @param eventsExchange the topic exchange security events are published to (declared here too, so
 * that it exists whichever side starts first)
 * @see AmqpNames
 */
@Validated
@ConfigurationProperties("authstack.worker.topology")
public record EmailTopologyProperties(@DefaultValue(AmqpNames.NOTIFICATIONS_EXCHANGE) @NotBlank String exchange,
		@DefaultValue(AmqpNames.EMAIL_QUEUE) @NotBlank String queue,
		@DefaultValue(AmqpNames.EMAIL_PARKING_QUEUE) @NotBlank String parkingQueue,
		@DefaultValue({ "10s", "1m", "10m" }) @NotEmpty List<Duration> retryDelays,
		@DefaultValue("10") @Min(1) int deliveryLimit,
		@DefaultValue(AmqpNames.EVENTS_EXCHANGE) @NotBlank String eventsExchange) {

	public EmailTopologyProperties {
		if (retryDelays != null && retryDelays.stream()
			.anyMatch((delay) -> delay.isNegative() || delay.isZero() || delay.toMillis() > Integer.MAX_VALUE)) {
			throw new IllegalArgumentException(
					"authstack.worker.topology.retry-delays must be positive and at most 24 days: " + retryDelays);
		}
		retryDelays = (retryDelays != null) ? List.copyOf(retryDelays) : null;
	}

	/** @return the retry queue a message goes to after its {@code attempt}-th failure (0-based) */
	public String retryQueue(int attempt) {
		return AmqpNames.retryQueue(this.queue, this.retryDelays.get(attempt));
	}

	/** @return whether a message that failed {@code failedAttempts} times may still be retried */
	public boolean canRetryAfter(int failedAttempts) {
		return failedAttempts < this.retryDelays.size();
	}

}
