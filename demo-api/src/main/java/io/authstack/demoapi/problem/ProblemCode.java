package io.authstack.demoapi.problem;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the demo API, each with its HTTP status. The code is the contract (a relay's tests
 * assert on it); titles and details may change.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 Problem Details for HTTP APIs</a>
 */
public enum ProblemCode {

	/** No bearer token at all (RFC 6750 §3.1: the challenge then carries no error). */
	MISSING_TOKEN(HttpStatus.UNAUTHORIZED, "Bearer token required"),
	/** Malformed, badly signed, expired, or from another issuer. */
	INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "Invalid bearer token"),
	/** A valid token of the realm, but not issued for this API: the caller must exchange it first. */
	INVALID_AUDIENCE(HttpStatus.UNAUTHORIZED, "Token not meant for this API"),
	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final HttpStatus status;

	private final String title;

	ProblemCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	/** The code as it appears in the problem's {@code code} member, e.g. {@code invalid_token}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public URI type() {
		return URI.create("urn:authstack:problem:" + code());
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

}
