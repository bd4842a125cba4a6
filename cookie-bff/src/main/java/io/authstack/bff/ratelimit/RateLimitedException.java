package io.authstack.bff.ratelimit;

import java.time.Duration;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import org.springframework.http.HttpHeaders;

/** Too many attempts: answered with 429 and a {@code Retry-After} of when the next one is allowed. */
public final class RateLimitedException extends ProblemException {

	RateLimitedException(Duration retryAfter, String detail) {
		super(ProblemCode.RATE_LIMITED, detail, retryAfter(retryAfter));
	}

	/** Whole seconds until the next attempt is allowed, at least one. */
	private static HttpHeaders retryAfter(Duration retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
		return headers;
	}

}
