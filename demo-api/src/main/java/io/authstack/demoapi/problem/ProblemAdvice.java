package io.authstack.demoapi.problem;

import java.util.stream.Collectors;

import io.authstack.demoapi.token.AudienceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem detail with a stable {@code code}, refused tokens included (the
 * security entry point hands them here). Stack traces reach the log for 5xx only, never the client.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 Problem Details for HTTP APIs</a>
 */
@RestControllerAdvice
final class ProblemAdvice {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler
	ProblemDetail unauthenticated(AuthenticationException ex) {
		if (AudienceValidator.rejected(ex)) {
			return problem(ProblemCode.INVALID_AUDIENCE,
					"The token was not issued for this API; exchange it for one with audience demo-api.");
		}
		if (ex instanceof InvalidBearerTokenException) {
			return problem(ProblemCode.INVALID_TOKEN, "The bearer token is malformed, expired or not from the realm.");
		}
		return problem(ProblemCode.MISSING_TOKEN, "Send an access token as Authorization: Bearer.");
	}

	/** A parameter out of its bounds: the detail names it and the bound, e.g. {@code n: must be less than ...}. */
	@ExceptionHandler
	ProblemDetail outOfBounds(HandlerMethodValidationException ex) {
		String violations = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> result.getMethodParameter().getParameterName() + ": " + message(error)))
			.collect(Collectors.joining("; "));
		return problem(ProblemCode.INVALID_REQUEST, violations);
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class })
	ProblemDetail invalidRequest(Exception ex) {
		return problem(ProblemCode.INVALID_REQUEST, "A parameter is missing or malformed.");
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

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "invalid";
	}

	static ProblemDetail problem(ProblemCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(code.type());
		problem.setTitle(code.title());
		problem.setProperty("code", code.code());
		return problem;
	}

}
