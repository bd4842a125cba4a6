package io.authstack.bff.session;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import org.springframework.http.HttpHeaders;

/**
 * A failure after which the session cannot go on: the answer also expires both session cookies, so the
 * browser stops sending what no longer works.
 */
final class SessionEndedException extends ProblemException {

	SessionEndedException(ProblemCode code, String detail, HttpHeaders clearCookies) {
		super(code, detail, clearCookies);
	}

}
