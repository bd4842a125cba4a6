package io.authstack.bff.problem;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem detail with a stable {@code code}. Bad input is a 4xx;
 * a dependency that is down is a 503 with {@code Retry-After} (we fail closed); stack traces reach the
 * log for 5xx only.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 Problem Details for HTTP APIs</a>
 */
@RestControllerAdvice
public final class ProblemAdvice {

	static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler
	ProblemDetail problem(ProblemException ex, HttpServletResponse response) {
		if (ex.code().status().is5xxServerError()) {
			logger.warn("{}: {}", ex.code().code(), ex.getMessage(), ex.getCause());
			if (!ex.headers().containsHeader(HttpHeaders.RETRY_AFTER)) {
				response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			}
		}
		ex.headers().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		return problem(ex);
	}

	/** Redis unreachable or too slow: no revocation check is possible, so nobody gets in. */
	@ExceptionHandler
	ProblemDetail storeUnavailable(DataAccessException ex, HttpServletResponse response) {
		logger.error("Revocation store unavailable, failing closed", ex);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return problem(ProblemCode.UPSTREAM_UNAVAILABLE, "The session store is unavailable; try again shortly.");
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentNotValidException.class,
			MissingRequestHeaderException.class, HttpMediaTypeNotSupportedException.class,
			MissingServletRequestParameterException.class })
	ProblemDetail invalidRequest(Exception ex) {
		return problem(ProblemCode.INVALID_REQUEST, "The request is malformed or incomplete.");
	}

	@ExceptionHandler
	ProblemDetail notFound(NoResourceFoundException ex) {
		return problem(ProblemCode.NOT_FOUND, "No such resource.");
	}

	@ExceptionHandler
	ProblemDetail methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		return problem(ProblemCode.METHOD_NOT_ALLOWED, "Method not allowed here.");
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return problem(ProblemCode.INTERNAL_ERROR, "Something went wrong on our side.");
	}

	/** The problem detail of a code, with the code's own status. */
	public static ProblemDetail problem(ProblemCode code, String detail) {
		return problem(code, code.status(), detail);
	}

	/**
	 * The problem detail of a code with another status, for the few codes whose status depends on where they
	 * arise (a relayed API that is down is {@code 502}, one that is slow {@code 504}).
	 */
	public static ProblemDetail problem(ProblemCode code, HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(code.type());
		problem.setTitle(code.title());
		problem.setProperty("code", code.code());
		return problem;
	}

	/** The problem detail of an exception, with its extra members (its headers are the caller's to apply). */
	public static ProblemDetail problem(ProblemException ex) {
		ProblemDetail problem = problem(ex.code(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

}
