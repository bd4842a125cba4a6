package io.authstack.bff.keycloak;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Each access token's signature is verified once; what is remembered still expires, and stops counting the
 * moment the realm's keys change.
 */
class AccessTokenVerifierTest {

	private static final String ISSUER = "http://keycloak.test/realms/authstack";

	private final RSAKey first = generate("first");

	private final RSAKey second = generate("second");

	/** The realm's JWKS endpoint, whose answer a test changes as Keycloak's key rotation would. */
	private volatile JWKSet published = new JWKSet(this.first.toPublicJWK());

	private final JWKSetSource<SecurityContext> endpoint = new JWKSetSource<>() {

		@Override
		public JWKSet getJWKSet(com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator refresh, long now,
				SecurityContext context) {
			return AccessTokenVerifierTest.this.published;
		}

		@Override
		public void close() {
		}

	};

	private final AccessTokenVerifier verifier = new AccessTokenVerifier(
			new KeycloakProperties(URI.create(ISSUER), "authstack-bff", "secret", false, null, null,
					Duration.ofSeconds(1)),
			RealmKeys.cached(this.endpoint));

	@Test
	void onceTheRealmsKeysAreKnownATokenSeenAgainIsTheTokenVerifiedTheFirstTime() throws Exception {
		// The first verification fetches the JWKS: what it verified is not remembered (the key set changed).
		this.verifier.verify(token(this.first, Instant.now().plusSeconds(300)));
		String token = token(this.first, Instant.now().plusSeconds(300));

		AccessToken once = this.verifier.verify(token);
		AccessToken again = this.verifier.verify(token);

		assertThat(again).isSameAs(once);
		assertThat(this.verifier.remembered()).isEqualTo(1);
	}

	@Test
	void aRememberedTokenStillExpires() throws Exception {
		String token = token(this.first, Instant.now().plusSeconds(1));
		assertThat(this.verifier.verify(token).subject()).isEqualTo("user-1");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatExceptionOfType(
				InvalidAccessTokenException.class).isThrownBy(() -> this.verifier.verify(token)));
	}

	@Test
	void aTokenSignedByAKeyTheRealmRemovedIsRefusedOnceTheNewKeySetArrives() throws Exception {
		String signedByFirst = token(this.first, Instant.now().plusSeconds(300));
		this.verifier.verify(signedByFirst);
		this.verifier.verify(signedByFirst);
		assertThat(this.verifier.remembered()).isEqualTo(1);

		this.published = new JWKSet(this.second.toPublicJWK());
		// A token of the new key names a kid the cache lacks: the JWKS is fetched again.
		this.verifier.verify(token(this.second, Instant.now().plusSeconds(300)));

		assertThatExceptionOfType(InvalidAccessTokenException.class)
			.isThrownBy(() -> this.verifier.verify(signedByFirst));
	}

	@Test
	void aForgedSignatureIsRefused() throws Exception {
		RSAKey forger = new RSAKeyGenerator(2048).keyID("first").generate();

		assertThatExceptionOfType(InvalidAccessTokenException.class)
			.isThrownBy(() -> this.verifier.verify(token(forger, Instant.now().plusSeconds(300))));
		assertThat(this.verifier.remembered()).isZero();
	}

	private static String token(RSAKey key, Instant expiresAt) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(ISSUER)
					.subject("user-1")
					.claim("sid", "session-1")
					.claim("azp", "authstack-bff")
					.claim("typ", "Bearer")
					.jwtID(UUID.randomUUID().toString())
					.issueTime(new Date())
					.expirationTime(Date.from(expiresAt))
					.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
