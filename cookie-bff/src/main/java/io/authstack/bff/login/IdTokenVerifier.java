package io.authstack.bff.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
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
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Verifies the ID token of a redirect login: the realm's signature, {@code iss}, our client in {@code aud},
 * {@code typ} {@code ID}, its lifetime, and the {@code nonce} this browser's login started with.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation">OIDC Core §3.1.3.7</a>
 */
@Component
final class IdTokenVerifier {

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	IdTokenVerifier(KeycloakProperties properties, RealmKeys realmKeys) {
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
		this.processor.setJWSKeySelector(realmKeys);
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
				Set.of(properties.clientId()),
				new JWTClaimsSet.Builder().issuer(properties.issuer().toString()).claim("typ", "ID").build(),
				Set.of("sub", "iat", "exp", "nonce"), Set.of());
		claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	void verify(String idToken, String expectedNonce) {
		if (idToken == null) {
			throw rejected();
		}
		try {
			JWTClaimsSet claims = this.processor.process(idToken, null);
			String nonce = claims.getStringClaim("nonce");
			if (!MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
					expectedNonce.getBytes(StandardCharsets.UTF_8))) {
				throw rejected();
			}
		}
		catch (KeySourceException ex) {
			throw new UpstreamUnavailableException("Keycloak JWKS unavailable", ex);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw rejected();
		}
	}

	private static ProblemException rejected() {
		return new ProblemException(ProblemCode.INVALID_REQUEST, "The login could not be verified; start again.");
	}

}
