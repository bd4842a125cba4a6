package io.authstack.bff.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@link MeterNames#CSRF_REJECTED}: state-changing calls the CSRF check refused. */
@Component
public final class CsrfMeters {

	private final Counter rejected;

	CsrfMeters(MeterRegistry registry) {
		this.rejected = Counter.builder(MeterNames.CSRF_REJECTED)
			.description("State-changing calls refused without X-CSRF or with an Origin not allowed")
			.register(registry);
	}

	public void rejected() {
		this.rejected.increment();
	}

}
