package io.authstack.bff.metrics;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@link MeterNames#RATE_LIMITED}: calls refused with {@code 429}, by the limit they hit. */
@Component
public final class RateLimitMeters {

	private final Map<Limiter, Counter> counters = new EnumMap<>(Limiter.class);

	RateLimitMeters(MeterRegistry registry) {
		for (Limiter limiter : Limiter.values()) {
			this.counters.put(limiter, Counter.builder(MeterNames.RATE_LIMITED)
				.description("Calls refused by a rate limit, by limit")
				.tag("limiter", TagValue.of(limiter))
				.register(registry));
		}
	}

	public void limited(Limiter limiter) {
		this.counters.get(limiter).increment();
	}

	/** The BFF's rate limits ({@code authstack.bff.rate-limit.*}). */
	public enum Limiter {

		/** Login attempts per client address. */
		LOGIN_ADDRESS,
		/** Wrong passwords per username and network. */
		LOGIN_USERNAME,
		/** Accounts-API calls per client address. */
		ACCOUNT_ADDRESS,
		/** Accounts-API calls per email address. */
		ACCOUNT_EMAIL

	}

}
