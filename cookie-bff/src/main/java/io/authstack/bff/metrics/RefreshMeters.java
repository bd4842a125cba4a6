package io.authstack.bff.metrics;

import java.util.EnumMap;
import java.util.Map;

import io.authstack.bff.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@link MeterNames#REFRESHES}: every refresh, by how it ended. A refresh that succeeds was either rotated at
 * Keycloak or shared (another tab's rotation of the same token, within the grace window); the rotation counts those.
 * A refused one is counted from its problem code, where the refresh's answer is made.
 */
@Component
public final class RefreshMeters {

	private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

	RefreshMeters(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			this.counters.put(outcome, Counter.builder(MeterNames.REFRESHES)
				.description("Refreshes of a session, by outcome")
				.tag("outcome", TagValue.of(outcome))
				.register(registry));
		}
	}

	/** Keycloak rotated the refresh token. */
	public void rotated() {
		this.counters.get(Outcome.ROTATED).increment();
	}

	/** The refresh got the rotation another request of the same device had just made. */
	public void shared() {
		this.counters.get(Outcome.SHARED).increment();
	}

	/** The refresh was refused with {@code ex}. */
	public void refused(RuntimeException ex) {
		this.counters.get(Outcome.of(ex)).increment();
	}

	/** How a refresh ended. */
	public enum Outcome {

		ROTATED, SHARED, REFRESH_REUSED,
		/** No session cookie, or Keycloak refused the token (expired, or ended there). */
		EXPIRED, REVOKED, BINDING_MISMATCH,
		/** Keycloak or Redis down, or a failure of ours. */
		UNAVAILABLE,
		/** Any other refusal. */
		REFUSED;

		static Outcome of(RuntimeException ex) {
			if (!(ex instanceof ProblemException problem)) {
				return UNAVAILABLE;
			}
			return switch (problem.code()) {
				case REFRESH_REUSED -> REFRESH_REUSED;
				case SESSION_EXPIRED -> EXPIRED;
				case REVOKED -> REVOKED;
				case BINDING_MISMATCH -> BINDING_MISMATCH;
				default -> problem.code().status().is5xxServerError() ? UNAVAILABLE : REFUSED;
			};
		}

	}

}
