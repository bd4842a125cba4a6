package io.authstack.bff.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The email outbox's relay: how often it looks for jobs RabbitMQ has not taken yet, and how long it waits for one.
 *
 * @param relayInterval how often the relay publishes what waits in the outbox (it also starts at once whenever a
 * job is put in, and when RabbitMQ lifts a block)
 * @param publishTimeout how long the relay waits for RabbitMQ's publisher confirm before calling a job not taken
 * (it stays in the outbox)
 * @param claimLease how long a job one relay took stays its own: should that BFF die while publishing, another
 * relay publishes the job after this; longer than a publish can take (connection, channel and confirm bounds)
 */
@Validated
@ConfigurationProperties("authstack.bff.outbox")
public record OutboxProperties(Duration relayInterval, Duration publishTimeout, Duration claimLease) {

	public OutboxProperties {
		relayInterval = (relayInterval != null) ? relayInterval : Duration.ofSeconds(5);
		publishTimeout = (publishTimeout != null) ? publishTimeout : Duration.ofSeconds(5);
		claimLease = (claimLease != null) ? claimLease : Duration.ofMinutes(1);
	}

}
