package io.authstack.bff.backchannel;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.RealmKeys;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Verifies a Keycloak logout token: signed by the realm (RS256/ES256), {@code typ} {@code logout+jwt},
 * our client in {@code aud}, the realm as {@code iss}, the back-channel logout event, {@code sid} or
 * {@code sub}, no {@code nonce} (so an ID token can never pass for one), and issued within
 * {@link LogoutTokenReplays#MAX_AGE} (plus the clock skew).
 *
 * @see <a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation">OIDC Back-Channel
 * Logout 1.0 §2.6</a>
 */
@Component
final class LogoutTokenVerifier {

	static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final Duration oldestAccepted;

	LogoutTokenVerifier(KeycloakProperties properties, RealmKeys realmKeys) {
		Assert.notNull(properties, "properties cannot be null");
		this.oldestAccepted = LogoutTokenReplays.MAX_AGE.plus(properties.clockSkew());
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
		this.processor.setJWSKeySelector(realmKeys);
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
				Set.of(properties.clientId()), new JWTClaimsSet.Builder().issuer(properties.issuer().toString()).build(),
				Set.of("iat", "jti", "events"), Set.of("nonce"));
		claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	/**
	 * @throws InvalidLogoutTokenException when any check fails
	 * @throws UpstreamUnavailableException when the realm's keys cannot be fetched
	 */
	LogoutRequest verify(String logoutToken) {
		JWTClaimsSet claims;
		try {
			claims = this.processor.process(logoutToken, null);
		}
		catch (KeySourceException ex) {
			throw new UpstreamUnavailableException("Keycloak JWKS unavailable", ex);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new InvalidLogoutTokenException(ex.getMessage());
		}
		try {
			Map<String, Object> events = claims.getJSONObjectClaim("events");
			if (events == null || !(events.get(LOGOUT_EVENT) instanceof Map)) {
				throw new InvalidLogoutTokenException("no back-channel logout event");
			}
			String sid = claims.getStringClaim("sid");
			if (sid == null && claims.getSubject() == null) {
				throw new InvalidLogoutTokenException("neither sid nor sub");
			}
			Instant issuedAt = claims.getIssueTime().toInstant();
			if (issuedAt.isBefore(Instant.now().minus(this.oldestAccepted))) {
				throw new InvalidLogoutTokenException("issued too long ago");
			}
			return new LogoutRequest(sid, claims.getSubject(), claims.getJWTID(), issuedAt);
		}
		catch (ParseException ex) {
			throw new InvalidLogoutTokenException(ex.getMessage());
		}
	}

	/**
	 * What the logout token asks for: end session {@code sid}, or every session of {@code sub}.
	 *
	 * @param sessionId {@code sid}, when present
	 * @param subject {@code sub}, when present
	 * @param tokenId {@code jti}
	 * @param issuedAt {@code iat}
	 */
	record LogoutRequest(String sessionId, String subject, String tokenId, Instant issuedAt) {
	}

	/** A logout token that fails a check. */
	static final class InvalidLogoutTokenException extends RuntimeException {

		InvalidLogoutTokenException(String reason) {
			super(reason);
		}

	}

}
