package io.authstack.bff.backchannel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.RealmKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A logout token is only good while it is fresh: the replay cache need not outlive that window. */
class LogoutTokenVerifierTest {

	private static final String ISSUER = "http://keycloak.test/realms/authstack";

	private final RSAKey realmKey = generate();

	private final LogoutTokenVerifier verifier = new LogoutTokenVerifier(
			new KeycloakProperties(URI.create(ISSUER), "authstack-bff", "secret", false, null, null,
					Duration.ofSeconds(30)),
			RealmKeys.fixed(new ImmutableJWKSet<>(new JWKSet(this.realmKey.toPublicJWK()))));

	@Test
	void aFreshLogoutTokenNamesItsSessionAndItsId() throws Exception {
		String jti = UUID.randomUUID().toString();

		LogoutTokenVerifier.LogoutRequest logout = this.verifier.verify(logoutToken(jti, Instant.now()));

		assertThat(logout.sessionId()).isEqualTo("session-1");
		assertThat(logout.tokenId()).isEqualTo(jti);
	}

	@Test
	void aLogoutTokenHeldBackPastItsMaximumAgeIsRefused() throws Exception {
		Instant heldBack = Instant.now().minus(LogoutTokenReplays.MAX_AGE).minusSeconds(31);

		assertThatExceptionOfType(LogoutTokenVerifier.InvalidLogoutTokenException.class)
			.isThrownBy(() -> this.verifier.verify(logoutToken(UUID.randomUUID().toString(), heldBack)))
			.withMessage("issued too long ago");
	}

	private String logoutToken(String jti, Instant issuedAt) throws Exception {
		SignedJWT token = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("logout+jwt"))
					.keyID(this.realmKey.getKeyID())
					.build(),
				new JWTClaimsSet.Builder().issuer(ISSUER)
					.audience(List.of("authstack-bff"))
					.subject("user-1")
					.claim("sid", "session-1")
					.issueTime(Date.from(issuedAt))
					.expirationTime(Date.from(Instant.now().plusSeconds(60)))
					.jwtID(jti)
					.claim("events", Map.of(LogoutTokenVerifier.LOGOUT_EVENT, Map.of()))
					.build());
		token.sign(new RSASSASigner(this.realmKey));
		return token.serialize();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("realm").generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
