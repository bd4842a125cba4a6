package io.authstack.testkit;

import java.net.URI;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FakeGoogleTest {

	private static final String CLIENT_ID = "test-client.apps.googleusercontent.com";

	private FakeGoogle google;

	@BeforeEach
	void start() {
		this.google = FakeGoogle.start(CLIENT_ID);
	}

	@AfterEach
	void stop() {
		this.google.close();
	}

	@Test
	void idTokenIsSignedWithAKeyTheJwksEndpointPublishes() throws Exception {
		SignedJWT token = SignedJWT.parse(this.google.idToken("1234", "ada@example.test").sign());

		JWKSet jwks = JWKSet.load(URI.create(this.google.jwksUrl()).toURL());
		RSAKey key = (RSAKey) jwks.getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(key.isPrivate()).isFalse();
		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
		JWTClaimsSet claims = token.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(FakeGoogle.ISSUER);
		assertThat(claims.getAudience()).containsExactly(CLIENT_ID);
		assertThat(claims.getSubject()).isEqualTo("1234");
		assertThat(claims.getBooleanClaim("email_verified")).isTrue();
		assertThat(claims.getClaim("hd")).as("a consumer account's token has no hosted domain").isNull();
		assertThat(claims.getExpirationTime()).isAfter(new Date());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getStringClaim("nonce")).isNotBlank();
		assertThat(this.google.jwksRequests()).isEqualTo(1);
	}

	@Test
	void everyTokenHasItsOwnIdAndTheNonceTheTestGaveIt() throws Exception {
		JWTClaimsSet first = SignedJWT.parse(this.google.idToken("1", "a@example.test").nonce("n-1").sign())
			.getJWTClaimsSet();
		JWTClaimsSet second = SignedJWT.parse(this.google.idToken("1", "a@example.test").sign()).getJWTClaimsSet();
		JWTClaimsSet bare = SignedJWT.parse(this.google.idToken("1", "a@example.test").jti(null).nonce(null).sign())
			.getJWTClaimsSet();

		assertThat(first.getStringClaim("nonce")).isEqualTo("n-1");
		assertThat(first.getJWTID()).isNotEqualTo(second.getJWTID());
		assertThat(bare.getJWTID()).isNull();
		assertThat(bare.getClaim("nonce")).isNull();
	}

	@Test
	void badTokensCarryExactlyTheFlawAskedFor() throws Exception {
		Instant past = Instant.now().minusSeconds(7200);
		SignedJWT expired = SignedJWT.parse(this.google.idToken("1", "a@example.test")
			.issuedAt(past)
			.expiresAt(past.plusSeconds(3600))
			.emailVerified(false)
			.hostedDomain("example.test")
			.sign());
		SignedJWT foreign = SignedJWT.parse(
				this.google.idToken("1", "a@example.test").signedWith(FakeGoogle.unpublishedKey()).sign());
		PlainJWT unsigned = PlainJWT.parse(this.google.idToken("1", "a@example.test").unsigned());

		assertThat(expired.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
		assertThat(expired.getJWTClaimsSet().getBooleanClaim("email_verified")).isFalse();
		assertThat(expired.getJWTClaimsSet().getStringClaim("hd")).isEqualTo("example.test");
		JWKSet jwks = JWKSet.load(URI.create(this.google.jwksUrl()).toURL());
		assertThat(jwks.getKeyByKeyId(foreign.getHeader().getKeyID())).isNull();
		assertThat(unsigned.getHeader().getAlgorithm().getName()).isEqualTo("none");
	}

	@Test
	void rotatedKeySignsAndBothKeysArePublished() throws Exception {
		String before = SignedJWT.parse(this.google.idToken("1", "a@example.test").sign()).getHeader().getKeyID();

		this.google.rotateKey();

		String after = SignedJWT.parse(this.google.idToken("1", "a@example.test").sign()).getHeader().getKeyID();
		JWKSet jwks = JWKSet.load(URI.create(this.google.jwksUrl()).toURL());
		assertThat(after).isNotEqualTo(before);
		assertThat(jwks.getKeyByKeyId(before)).isNotNull();
		assertThat(jwks.getKeyByKeyId(after)).isNotNull();
	}

}
