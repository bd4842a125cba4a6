package io.authstack.bff.session;

import io.authstack.bff.keycloak.AccessToken;

/**
 * The session a request was checked against, left by {@link SessionCheckInterceptor} as a request attribute
 * for the handlers of protected calls.
 *
 * @param token the verified, unrevoked access token
 */
public record AuthenticatedSession(AccessToken token) {

	public static final String ATTRIBUTE = "io.authstack.bff.session.AuthenticatedSession";

}
