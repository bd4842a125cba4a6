package io.authstack.bff.metrics;

import io.authstack.bff.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@link MeterNames#SESSION_CHECKS}: every session check, by outcome. It runs on every protected call, so each
 * outcome's counter is registered once and held in a field: counting is one increment.
 */
@Component
public final class SessionCheckMeters {

	private final Counter ok;

	private final Counter sessionExpired;

	private final Counter revoked;

	private final Counter bindingMismatch;

	private final Counter unavailable;

	private final Counter refused;

	SessionCheckMeters(MeterRegistry registry) {
		this.ok = counter(registry, Outcome.OK);
		this.sessionExpired = counter(registry, Outcome.SESSION_EXPIRED);
		this.revoked = counter(registry, Outcome.REVOKED);
		this.bindingMismatch = counter(registry, Outcome.BINDING_MISMATCH);
		this.unavailable = counter(registry, Outcome.UNAVAILABLE);
		this.refused = counter(registry, Outcome.REFUSED);
	}

	/** The session may go on. */
	public void ok() {
		this.ok.increment();
	}

	/** The check refused the session with {@code ex}. */
	public void refused(RuntimeException ex) {
		counter(ex).increment();
	}

	private Counter counter(RuntimeException ex) {
		if (!(ex instanceof ProblemException problem)) {
			return this.unavailable;
		}
		return switch (problem.code()) {
			case SESSION_EXPIRED -> this.sessionExpired;
			case REVOKED -> this.revoked;
			case BINDING_MISMATCH -> this.bindingMismatch;
			default -> problem.code().status().is5xxServerError() ? this.unavailable : this.refused;
		};
	}

	private static Counter counter(MeterRegistry registry, Outcome outcome) {
		return Counter.builder(MeterNames.SESSION_CHECKS)
			.description("Session checks of protected calls, by outcome")
			.tag("outcome", TagValue.of(outcome))
			.register(registry);
	}

	/** How a session check ended. */
	public enum Outcome {

		OK,
		/** No session cookie, an unreadable one, or an expired or invalid access token. */
		SESSION_EXPIRED, REVOKED, BINDING_MISMATCH,
		/** Keycloak's keys or Redis unavailable: the check fails closed. */
		UNAVAILABLE,
		/** Any other refusal. */
		REFUSED

	}

}
