package io.authstack.bff.problem;

import java.util.Map;

import org.springframework.util.Assert;

/**
 * A failure the client is told about as a problem detail with a stable {@link ProblemCode}. The detail is
 * written for the client: it never carries a token, a cookie value or a secret.
 */
public class ProblemException extends RuntimeException {

	private final ProblemCode code;

	private final Map<String, Object> properties;

	public ProblemException(ProblemCode code, String detail) {
		this(code, detail, null);
	}

	public ProblemException(ProblemCode code, String detail, Throwable cause) {
		this(code, detail, cause, Map.of());
	}

	/** With extra members of the problem detail, e.g. the password rule that failed. */
	public ProblemException(ProblemCode code, String detail, Throwable cause, Map<String, Object> properties) {
		super(detail, cause);
		Assert.notNull(code, "code cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	/** Members the problem detail carries besides {@code type}, {@code title}, {@code detail} and {@code code}. */
	public Map<String, Object> properties() {
		return this.properties;
	}

	public ProblemCode code() {
		return this.code;
	}

}
