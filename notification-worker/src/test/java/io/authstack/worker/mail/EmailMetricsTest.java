package io.authstack.worker.mail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.authstack.worker.mail.EmailMetrics.Delivery;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final EmailMetrics metrics = new EmailMetrics(this.registry);

	@Test
	void lagOfAnEmailFromAProducerWhoseClockIsAheadCountsAsZero() {
		this.metrics.consumed(Duration.ofSeconds(-5), Delivery.FIRST);

		Timer lag = this.registry.get("authstack.worker.queue.lag").tag("delivery", "first").timer();
		assertThat(lag.count()).isEqualTo(1);
		assertThat(lag.totalTime(TimeUnit.SECONDS)).isZero();
	}

	@Test
	void lagOfARetryIsKeptApartFromFirstDeliveries() {
		this.metrics.consumed(Duration.ofMinutes(2), Delivery.RETRY);

		assertThat(this.registry.get("authstack.worker.queue.lag").tag("delivery", "retry").timer()
			.totalTime(TimeUnit.SECONDS)).isEqualTo(120);
		assertThat(this.registry.get("authstack.worker.queue.lag").tag("delivery", "first").timer().count())
			.isZero();
	}

}
