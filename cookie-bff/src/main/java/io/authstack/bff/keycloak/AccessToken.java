package io.authstack.bff.keycloak;

import java.time.Instant;
import java.util.List;

/**
 * A Keycloak access token whose signature, issuer, client, type and lifetime have been checked.
 *
 * @param subject the user's id ({@code sub})
 * @param sessionId the Keycloak session ({@code sid})
 * @param tokenId the token's {@code jti}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param username {@code preferred_username}
 * @param email {@code email}, when the scope gives it
 * @param roles the realm roles ({@code realm_access.roles})
 */
public record AccessToken(String subject, String sessionId, String tokenId, Instant issuedAt, Instant expiresAt,
		String username, String email, List<String> roles) {

	public AccessToken {
		roles = List.copyOf(roles);
	}

}
