package io.authstack.bff.session;

import java.time.Instant;
import java.util.List;

import io.authstack.bff.keycloak.AccessToken;

/**
 * Who is logged in, as the SPA sees it: never a token.
 *
 * @param sub the user's id
 * @param username the user's login name
 * @param email the user's email address, when known
 * @param roles the user's realm roles
 * @param expiresAt when the current access token expires (the SPA refreshes before)
 */
public record SessionView(String sub, String username, String email, List<String> roles, Instant expiresAt) {

	public static SessionView of(AccessToken token) {
		return new SessionView(token.subject(), token.username(), token.email(), token.roles(), token.expiresAt());
	}

}
