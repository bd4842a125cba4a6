package io.authstack.keycloak.google;

import java.time.Duration;
import java.time.Instant;

import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.IDToken;

/**
 * One Google ID token signs in once: its {@code jti} is recorded in Keycloak's single-use store (shared by the
 * cluster, as for action tokens) until the token expires, and a token whose {@code jti} is already there is
 * refused. The key is the issuer's and the token's, not the realm's: a token used in one realm is spent in all.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#IDToken">OIDC Core §2 (jti, in JWT: RFC
 * 7519 §4.1.7)</a>
 */
final class GoogleTokenReplayGuard {

	private static final String KEY_PREFIX = "authstack-google-id-token-jti::";

	private final KeycloakSession session;

	private final Duration clockSkew;

	GoogleTokenReplayGuard(KeycloakSession session, Duration clockSkew) {
		this.session = session;
		this.clockSkew = clockSkew;
	}

	/**
	 * Spends the token, whose claims are already checked ({@code jti} and {@code exp} present).
	 *
	 * @throws GoogleSignInException {@link GoogleSignInRejection#TOKEN_REPLAYED} when it was spent before
	 */
	void spend(IDToken token, Instant now) {
		// Kept for as long as the token checks would still accept it: past that, its expiry refuses it anyway.
		long lifespan = Math.max(1, token.getExp() + this.clockSkew.toSeconds() - now.getEpochSecond());
		if (!this.session.singleUseObjects().putIfAbsent(key(token), lifespan)) {
			throw new GoogleSignInException(GoogleSignInRejection.TOKEN_REPLAYED, "jti already used");
		}
	}

	/**
	 * Gives the token back when the sign-in it was spent on lost a race and changed nothing
	 * ({@link GoogleSignInRejection#CONCURRENT_SIGN_IN}): the client's retry with the same token must work.
	 */
	void giveBack(IDToken token) {
		this.session.singleUseObjects().remove(key(token));
	}

	private static String key(IDToken token) {
		return KEY_PREFIX + token.getIssuer() + "::" + token.getId();
	}

}
