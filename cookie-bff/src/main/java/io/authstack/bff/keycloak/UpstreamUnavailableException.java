package io.authstack.bff.keycloak;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;

/** Keycloak did not answer in time, or answered with something other than an OAuth error. */
public final class UpstreamUnavailableException extends ProblemException {

	public UpstreamUnavailableException(String what, Throwable cause) {
		super(ProblemCode.UPSTREAM_UNAVAILABLE, "The identity provider is unavailable; try again shortly.",
				(cause != null) ? cause : new IllegalStateException(what));
	}

}
