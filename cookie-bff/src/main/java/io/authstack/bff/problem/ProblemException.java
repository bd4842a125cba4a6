package io.authstack.bff.problem;

import org.springframework.util.Assert;

/**
 * A failure the client is told about as a problem detail with a stable {@link ProblemCode}. The detail is
 * written for the client: it never carries a token, a cookie value or a secret.
 */
public class ProblemException extends RuntimeException {

	private final ProblemCode code;

	public ProblemException(ProblemCode code, String detail) {
		this(code, detail, null);
	}

	public ProblemException(ProblemCode code, String detail, Throwable cause) {
		super(detail, cause);
		Assert.notNull(code, "code cannot be null");
		this.code = code;
	}

	public ProblemCode code() {
		return this.code;
	}

}
