package io.authstack.keycloak.google;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import org.keycloak.representations.IDToken;

/**
 * The claim checks Google prescribes for an ID token whose signature is already verified: issuer, audience,
 * lifetime, a {@code jti} (the grant refuses one it has seen), the {@code nonce} the client bound to its browser,
 * then what the account must be to sign in here (a verified email, an allowed Workspace domain).
 *
 * @see <a href="https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken">Google:
 * validating an ID token</a>
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation">OpenID Connect Core
 * §3.1.3.7</a>
 */
public final class GoogleIdTokenChecks {

	private final Set<String> issuers;

	private final Set<String> audiences;

	private final Set<String> hostedDomains;

	private final Duration clockSkew;

	/**
	 * @param issuers accepted {@code iss} values
	 * @param audiences accepted {@code aud} values (our Google OAuth client ids)
	 * @param hostedDomains accepted {@code hd} values; empty accepts any account, with or without one
	 * @param clockSkew tolerance on {@code exp} and {@code iat}
	 */
	public GoogleIdTokenChecks(Set<String> issuers, Set<String> audiences, Set<String> hostedDomains,
			Duration clockSkew) {
		this.issuers = Set.copyOf(issuers);
		this.audiences = Set.copyOf(audiences);
		this.hostedDomains = Set.copyOf(hostedDomains);
		this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
	}

	/**
	 * @param expectedNonce the nonce the client sent with the request: the one it handed its browser for Google's
	 * request; {@code null} (none sent) is refused like a mismatch
	 * @return the identity the token asserts
	 * @throws GoogleSignInException when a check fails
	 */
	public GoogleIdentity check(IDToken token, String expectedNonce, Instant now) {
		if (token.getIssuer() == null || !this.issuers.contains(token.getIssuer())) {
			throw invalid("issuer not accepted");
		}
		if (token.getAudience() == null || Arrays.stream(token.getAudience()).noneMatch(this.audiences::contains)) {
			throw invalid("audience not accepted");
		}
		long skew = this.clockSkew.toSeconds();
		if (token.getExp() == null || now.getEpochSecond() > token.getExp() + skew) {
			throw invalid("expired");
		}
		if (token.getIat() == null || token.getIat() > now.getEpochSecond() + skew) {
			throw invalid("issued in the future");
		}
		if (isBlank(token.getSubject())) {
			throw invalid("no subject");
		}
		if (isBlank(token.getId())) {
			// Without an id, a replay of the token could not be told from its first use.
			throw invalid("no jti");
		}
		if (isBlank(token.getNonce()) || expectedNonce == null || !MessageDigest
			.isEqual(token.getNonce().getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
			// A token not bound to the caller's browser may have been taken from another one.
			throw new GoogleSignInException(GoogleSignInRejection.NONCE_MISMATCH, "nonce missing or not the client's");
		}
		if (isBlank(token.getEmail()) || !Boolean.TRUE.equals(token.getEmailVerified())) {
			throw new GoogleSignInException(GoogleSignInRejection.EMAIL_UNVERIFIED, "email not verified by Google");
		}
		Object hd = token.getOtherClaims().get(GoogleEmailAuthority.HOSTED_DOMAIN_CLAIM);
		String hostedDomain = (hd != null) ? hd.toString() : null;
		if (!this.hostedDomains.isEmpty() && (hostedDomain == null || !this.hostedDomains.contains(hostedDomain))) {
			throw new GoogleSignInException(GoogleSignInRejection.DOMAIN_NOT_ALLOWED, "hosted domain not allowed");
		}
		return new GoogleIdentity(token.getSubject(), token.getEmail(), token.getGivenName(), token.getFamilyName(),
				hostedDomain);
	}

	private static GoogleSignInException invalid(String detail) {
		return new GoogleSignInException(GoogleSignInRejection.TOKEN_INVALID, detail);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
