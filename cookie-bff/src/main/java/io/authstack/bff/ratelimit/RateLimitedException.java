package io.authstack.bff.ratelimit;

import java.time.Duration;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;

/** Too many attempts: answered with 429 and a {@code Retry-After} of when the next one is allowed. */
public final class RateLimitedException extends ProblemException {

	private final Duration retryAfter;

	RateLimitedException(Duration retryAfter, String detail) {
		super(ProblemCode.RATE_LIMITED, detail);
		this.retryAfter = retryAfter;
	}

	/** Whole seconds until the next attempt is allowed, at least one. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
