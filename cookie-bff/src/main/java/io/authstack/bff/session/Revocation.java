package io.authstack.bff.session;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.problem.ProblemCode;

/**
 * A session ended for cause, or by its user from another session: whose, by which client, and why.
 *
 * @param sessionId the Keycloak session ({@code sid})
 * @param userId the user ({@code sub})
 * @param client the request that revealed it
 */
record Revocation(String sessionId, String userId, ClientContext client) {

	/** Why the BFF ended a session, as the security event names it. */
	enum Reason {

		/** A refresh token presented again outside its rotation's sharing rules. */
		REFRESH_REUSED(ProblemCode.REFRESH_REUSED),

		/** A cookie presented by another device than the one it was bound to. */
		BINDING_MISMATCH(ProblemCode.BINDING_MISMATCH),

		/** Keycloak refused the session's refresh (expired, or its own reuse detection). */
		REFRESH_REFUSED(ProblemCode.SESSION_EXPIRED),

		/** The user signed the session out from another one of theirs. */
		SIGNED_OUT_BY_USER(ProblemCode.REVOKED);

		private final ProblemCode answer;

		Reason(ProblemCode answer) {
			this.answer = answer;
		}

		String eventType() {
			return "BFF_" + name();
		}

		String code() {
			return this.answer.code();
		}

	}

}
