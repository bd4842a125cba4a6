package io.authstack.bff.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.authstack.bff.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@link MeterNames#LOGINS}: every login attempt, by method and by how it ended. */
@Component
public final class LoginMeters {

	private final Map<Method, Map<Outcome, Counter>> counters = new EnumMap<>(Method.class);

	LoginMeters(MeterRegistry registry) {
		for (Method method : Method.values()) {
			Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				outcomes.put(outcome, Counter.builder(MeterNames.LOGINS)
					.description("Login attempts, by method and outcome")
					.tag("method", TagValue.of(method))
					.tag("outcome", TagValue.of(outcome))
					.register(registry));
			}
			this.counters.put(method, outcomes);
		}
	}

	/** Runs one login attempt and counts how it ended: its answer, or the exception it throws (rethrown). */
	public <T> T counted(Method method, Supplier<T> login) {
		T answer;
		try {
			answer = login.get();
		}
		catch (RuntimeException ex) {
			this.counters.get(method).get(Outcome.of(ex)).increment();
			throw ex;
		}
		this.counters.get(method).get(Outcome.SUCCESS).increment();
		return answer;
	}

	/** How the person logs in. */
	public enum Method {

		PASSWORD, REDIRECT, GOOGLE

	}

	/** How a login ended, from its problem code; the ones a dashboard tells apart have their own. */
	public enum Outcome {

		SUCCESS, INVALID_CREDENTIALS, RATE_LIMITED, OTP_REQUIRED, DEVICE_APPROVAL_REQUIRED, DEVICE_DENIED,
		ACCOUNT_INCOMPLETE,
		/** Any other refusal (a Google refusal, a disabled method, a bad request, another device). */
		REFUSED,
		/** Keycloak or Redis down, or a failure of ours. */
		UNAVAILABLE;

		static Outcome of(RuntimeException ex) {
			if (!(ex instanceof ProblemException problem)) {
				return UNAVAILABLE;
			}
			return switch (problem.code()) {
				case INVALID_CREDENTIALS, GOOGLE_TOKEN_INVALID -> INVALID_CREDENTIALS;
				case RATE_LIMITED -> RATE_LIMITED;
				case OTP_REQUIRED -> OTP_REQUIRED;
				case DEVICE_APPROVAL_REQUIRED -> DEVICE_APPROVAL_REQUIRED;
				case DEVICE_DENIED -> DEVICE_DENIED;
				case ACCOUNT_SETUP_REQUIRED, ACCOUNT_ACTION_REQUIRED, PROFILE_INCOMPLETE -> ACCOUNT_INCOMPLETE;
				default -> problem.code().status().is5xxServerError() ? UNAVAILABLE : REFUSED;
			};
		}

	}

}
