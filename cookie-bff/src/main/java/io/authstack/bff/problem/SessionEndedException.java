package io.authstack.bff.problem;

/**
 * A failure after which the session cannot go on: the answer also expires both session cookies, so the
 * browser stops sending what no longer works.
 */
public final class SessionEndedException extends ProblemException {

	public SessionEndedException(ProblemCode code, String detail) {
		super(code, detail);
	}

}
