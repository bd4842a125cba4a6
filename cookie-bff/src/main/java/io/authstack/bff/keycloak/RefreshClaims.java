package io.authstack.bff.keycloak;

import java.text.ParseException;
import java.time.Instant;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

/**
 * The claims of a Keycloak refresh token the BFF relies on, read without signature verification: the token
 * only ever comes from Keycloak's token endpoint or from inside our own sealed cookie.
 *
 * @param sessionId {@code sid}
 * @param tokenId {@code jti}
 * @param subject {@code sub}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record RefreshClaims(String sessionId, String tokenId, String subject, Instant issuedAt, Instant expiresAt) {

	public static RefreshClaims of(String refreshToken) {
		try {
			JWTClaimsSet claims = JWTParser.parse(refreshToken).getJWTClaimsSet();
			String sid = claims.getStringClaim("sid");
			if (sid == null || claims.getJWTID() == null || claims.getSubject() == null
					|| claims.getIssueTime() == null || claims.getExpirationTime() == null) {
				throw new UpstreamUnavailableException("refresh token without sid, jti, sub, iat or exp", null);
			}
			return new RefreshClaims(sid, claims.getJWTID(), claims.getSubject(), claims.getIssueTime().toInstant(),
					claims.getExpirationTime().toInstant());
		}
		catch (ParseException ex) {
			throw new UpstreamUnavailableException("refresh token is not a JWT", ex);
		}
	}

}
