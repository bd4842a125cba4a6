package io.authstack.bff.session;

import io.authstack.bff.keycloak.AccessToken;

/**
 * The session a request was checked against ({@link Sessions#check}), left by {@link SessionCheckInterceptor}
 * as a request attribute for the handlers of protected calls.
 *
 * @param token the verified, unrevoked access token
 * @param bearer the access token as Keycloak signed it, for the APIs the BFF calls on the user's behalf
 */
public record AuthenticatedSession(AccessToken token, String bearer) {

	public static final String ATTRIBUTE = "io.authstack.bff.session.AuthenticatedSession";

	@Override
	public String toString() {
		return "AuthenticatedSession[sub=" + this.token.subject() + ", sid=" + this.token.sessionId() + "]";
	}

}
