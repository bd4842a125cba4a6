package io.authstack.bff.problem;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * A failure the client is told about as a problem detail with a stable {@link ProblemCode}. The detail is
 * written for the client: it never carries a token, a cookie value or a secret. The exception also carries the
 * response headers that belong to its answer ({@code Retry-After}, cookies to clear), so the advice that writes
 * it needs to know no feature.
 */
public class ProblemException extends RuntimeException {

	private final ProblemCode code;

	private final Map<String, Object> properties;

	private final HttpHeaders headers;

	public ProblemException(ProblemCode code, String detail) {
		this(code, detail, (Throwable) null);
	}

	public ProblemException(ProblemCode code, String detail, Throwable cause) {
		this(code, detail, cause, Map.of());
	}

	/** With extra members of the problem detail, e.g. the password rule that failed. */
	public ProblemException(ProblemCode code, String detail, Throwable cause, Map<String, Object> properties) {
		this(code, detail, cause, properties, HttpHeaders.EMPTY);
	}

	/** With headers of its own answer, for the failures that need them. */
	protected ProblemException(ProblemCode code, String detail, HttpHeaders headers) {
		this(code, detail, null, Map.of(), headers);
	}

	private ProblemException(ProblemCode code, String detail, Throwable cause, Map<String, Object> properties,
			HttpHeaders headers) {
		super(detail, cause);
		Assert.notNull(code, "code cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(headers, "headers cannot be null");
		this.code = code;
		this.properties = Map.copyOf(properties);
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	/** Members the problem detail carries besides {@code type}, {@code title}, {@code detail} and {@code code}. */
	public Map<String, Object> properties() {
		return this.properties;
	}

	/** Headers the answer carries, e.g. {@code Retry-After} or {@code Set-Cookie}. */
	public HttpHeaders headers() {
		return this.headers;
	}

	public ProblemCode code() {
		return this.code;
	}

}
