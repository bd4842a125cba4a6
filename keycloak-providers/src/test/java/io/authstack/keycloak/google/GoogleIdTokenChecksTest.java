package io.authstack.keycloak.google;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.IDToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoogleIdTokenChecksTest {

	private static final String CLIENT_ID = "web.apps.googleusercontent.com";

	private static final String NONCE = "nonce-of-this-browser";

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final GoogleIdTokenChecks checks = new GoogleIdTokenChecks(
			Set.of("https://accounts.google.com", "accounts.google.com"), Set.of(CLIENT_ID), Set.of(),
			Duration.ofSeconds(30));

	@Test
	void validTokenYieldsTheIdentityItAsserts() {
		IDToken token = token();
		token.setGivenName("Ada");
		token.setFamilyName("Lovelace");

		GoogleIdentity identity = this.checks.check(token, NONCE, NOW);

		assertThat(identity).isEqualTo(new GoogleIdentity("1234", "ada@gmail.test", "Ada", "Lovelace", null));
	}

	@Test
	void bothGoogleIssuerFormsAreAccepted() {
		IDToken token = token();
		token.issuer("accounts.google.com");

		assertThat(this.checks.check(token, NONCE, NOW).subject()).isEqualTo("1234");
	}

	@Test
	void tokenForAnotherAudienceIsInvalid() {
		IDToken token = token();
		token.audience("other.apps.googleusercontent.com");

		assertRejected(token, NONCE, GoogleSignInRejection.TOKEN_INVALID);
	}

	@Test
	void tokenWithAnyAcceptedAudienceAmongSeveralIsAccepted() {
		IDToken token = token();
		token.audience("other.apps.googleusercontent.com", CLIENT_ID);

		assertThat(this.checks.check(token, NONCE, NOW).subject()).isEqualTo("1234");
	}

	@Test
	void expiryIsToleratedOnlyWithinTheClockSkew() {
		IDToken justExpired = token();
		justExpired.exp(NOW.getEpochSecond() - 20);
		IDToken expired = token();
		expired.exp(NOW.getEpochSecond() - 31);

		assertThat(this.checks.check(justExpired, NONCE, NOW).subject()).isEqualTo("1234");
		assertRejected(expired, NONCE, GoogleSignInRejection.TOKEN_INVALID);
	}

	@Test
	void tokenIssuedInTheFutureIsInvalid() {
		IDToken token = token();
		token.iat(NOW.getEpochSecond() + 120);

		assertRejected(token, NONCE, GoogleSignInRejection.TOKEN_INVALID);
	}

	@Test
	void tokenWithoutExpiryIsInvalid() {
		IDToken token = token();
		token.exp(null);

		assertRejected(token, NONCE, GoogleSignInRejection.TOKEN_INVALID);
	}

	@Test
	void nonceMustBeTheOneTheClientSent() {
		IDToken withoutNonce = token();
		withoutNonce.setNonce(null);

		assertThat(this.checks.check(token(), NONCE, NOW).subject()).isEqualTo("1234");
		assertRejected(token(), "another-browsers-nonce", GoogleSignInRejection.NONCE_MISMATCH);
		assertRejected(token(), null, GoogleSignInRejection.NONCE_MISMATCH);
		assertRejected(withoutNonce, NONCE, GoogleSignInRejection.NONCE_MISMATCH);
	}

	@Test
	void tokenWithoutAnIdIsInvalid() {
		IDToken token = token();
		token.id(null);

		assertRejected(token, NONCE, GoogleSignInRejection.TOKEN_INVALID);
	}

	@Test
	void emailNotVerifiedByGoogleIsRefused() {
		IDToken unverified = token();
		unverified.setEmailVerified(false);
		IDToken unknown = token();
		unknown.setEmailVerified(null);

		assertRejected(unverified, NONCE, GoogleSignInRejection.EMAIL_UNVERIFIED);
		assertRejected(unknown, NONCE, GoogleSignInRejection.EMAIL_UNVERIFIED);
	}

	@Test
	void invalidTokenIsReportedAsInvalidEvenWhenItsEmailIsUnverified() {
		IDToken token = token();
		token.setEmailVerified(false);
		token.issuer("https://accounts.evil.test");

		assertRejected(token, NONCE, GoogleSignInRejection.TOKEN_INVALID);
	}

	@Test
	void hostedDomainAllowlistAdmitsOnlyItsDomains() {
		GoogleIdTokenChecks workspaceOnly = new GoogleIdTokenChecks(Set.of("https://accounts.google.com"),
				Set.of(CLIENT_ID), Set.of("example.test"), Duration.ofSeconds(30));
		IDToken member = token();
		member.setOtherClaims("hd", "example.test");
		IDToken outsider = token();
		outsider.setOtherClaims("hd", "other.test");

		assertThat(workspaceOnly.check(member, NONCE, NOW).hostedDomain()).isEqualTo("example.test");
		assertThatThrownBy(() -> workspaceOnly.check(outsider, NONCE, NOW)).isInstanceOfSatisfying(
				GoogleSignInException.class,
				(ex) -> assertThat(ex.rejection()).isEqualTo(GoogleSignInRejection.DOMAIN_NOT_ALLOWED));
		assertThatThrownBy(() -> workspaceOnly.check(token(), NONCE, NOW)).isInstanceOfSatisfying(
				GoogleSignInException.class,
				(ex) -> assertThat(ex.rejection()).isEqualTo(GoogleSignInRejection.DOMAIN_NOT_ALLOWED));
	}

	private void assertRejected(IDToken token, String nonce, GoogleSignInRejection rejection) {
		assertThatThrownBy(() -> this.checks.check(token, nonce, NOW)).isInstanceOfSatisfying(
				GoogleSignInException.class, (ex) -> assertThat(ex.rejection()).isEqualTo(rejection));
	}

	private static IDToken token() {
		IDToken token = new IDToken();
		token.issuer("https://accounts.google.com");
		token.audience(CLIENT_ID);
		token.subject("1234");
		token.setEmail("ada@gmail.test");
		token.setEmailVerified(true);
		token.iat(NOW.getEpochSecond() - 60);
		token.exp(NOW.getEpochSecond() + 3540);
		token.id("jti-1");
		token.setNonce(NONCE);
		return token;
	}

}
