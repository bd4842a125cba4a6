package io.authstack.bff.session;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.authstack.bff.binding.DeviceBinding;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Turns a Keycloak token response into the two session cookies, bound to a device. The new access token is
 * verified like any other before it is handed out; the refresh token (signed with a realm secret the BFF
 * does not hold) comes straight from Keycloak's token endpoint, and only its {@code sid}, {@code jti} and
 * {@code exp} are read.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps#section-6.1">BFF</a>
 */
@Component
public final class CookieSession {

	private final SessionCookies cookies;

	private final AccessTokenVerifier verifier;

	public CookieSession(SessionCookies cookies, AccessTokenVerifier verifier) {
		Assert.notNull(cookies, "cookies cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		this.cookies = cookies;
		this.verifier = verifier;
	}

	public AccessToken issue(HttpServletResponse response, TokenResponse tokens, DeviceBinding binding) {
		AccessToken access = this.verifier.verify(tokens.accessToken());
		RefreshClaims refresh = RefreshClaims.of(tokens.refreshToken());
		Instant now = Instant.now();
		this.cookies.writeAccess(response, new AccessEnvelope(AccessEnvelope.VERSION, tokens.accessToken(),
				binding.fingerprint(), binding.ipPrefix()), Duration.between(now, access.expiresAt()));
		this.cookies.writeRefresh(response,
				new RefreshEnvelope(RefreshEnvelope.VERSION, tokens.refreshToken(), refresh.sessionId(),
						refresh.tokenId(), binding.fingerprint(), binding.ipPrefix()),
				Duration.between(now, refresh.expiresAt()));
		return access;
	}

	/**
	 * The claims of a Keycloak refresh token the BFF relies on, read without signature verification: the
	 * token only ever comes from Keycloak's token endpoint or from inside our own sealed cookie.
	 *
	 * @param sessionId {@code sid}
	 * @param tokenId {@code jti}
	 * @param subject {@code sub}
	 * @param issuedAt {@code iat}
	 * @param expiresAt {@code exp}
	 */
	public record RefreshClaims(String sessionId, String tokenId, String subject, Instant issuedAt,
			Instant expiresAt) {

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

}
