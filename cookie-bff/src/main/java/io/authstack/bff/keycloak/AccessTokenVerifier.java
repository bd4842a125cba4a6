package io.authstack.bff.keycloak;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Verifies Keycloak's access tokens: signature against the realm's JWKS (cached; refetched when a token
 * names an unknown {@code kid}), RS256 or ES256 only, then {@code iss}, {@code azp}, {@code typ},
 * {@code exp}/{@code nbf} with a small skew.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725">RFC 8725 JWT Best Current Practices</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068 JWT access tokens</a>
 */
@Component
public final class AccessTokenVerifier {

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	public AccessTokenVerifier(KeycloakProperties properties, JWKSource<SecurityContext> keys) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
		this.processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
				new JWTClaimsSet.Builder().issuer(properties.issuer().toString())
					.claim("azp", properties.clientId())
					.claim("typ", "Bearer")
					.build(),
				Set.of("sub", "sid", "jti", "iat", "exp"));
		claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	/**
	 * @throws InvalidAccessTokenException when the token fails any check
	 * @throws UpstreamUnavailableException when Keycloak's JWKS cannot be fetched
	 */
	public AccessToken verify(String token) {
		JWTClaimsSet claims;
		try {
			claims = this.processor.process(token, null);
		}
		catch (KeySourceException ex) {
			throw new UpstreamUnavailableException("Keycloak JWKS unavailable", ex);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new InvalidAccessTokenException(ex);
		}
		try {
			return new AccessToken(claims.getSubject(), claims.getStringClaim("sid"), claims.getJWTID(),
					claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(),
					claims.getStringClaim("preferred_username"), claims.getStringClaim("email"), realmRoles(claims));
		}
		catch (ParseException ex) {
			throw new InvalidAccessTokenException(ex);
		}
	}

	private static List<String> realmRoles(JWTClaimsSet claims) throws ParseException {
		Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
		if (realmAccess == null || !(realmAccess.get("roles") instanceof List<?> roles)) {
			return List.of();
		}
		return roles.stream().filter(String.class::isInstance).map(String.class::cast).sorted().toList();
	}

}
