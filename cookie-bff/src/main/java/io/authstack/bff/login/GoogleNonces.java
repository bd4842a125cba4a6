package io.authstack.bff.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.nimbusds.jwt.JWTParser;
import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.cookie.CookieProperties;
import io.authstack.bff.cookie.GoogleNonceEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.cookie.UnreadableCookieException;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * Binds a "Sign in with Google" to the browser that started it. The SPA asks for a nonce, hands it to Google
 * Identity Services, and Google puts it into the ID token; the nonce also goes into a sealed, {@code HttpOnly}
 * cookie of this browser and device, with its expiry. The sign-in spends the cookie (cleared whatever the
 * outcome) and must carry a token with that very nonce, so a token taken from another browser, or one without a
 * nonce, is refused here. Keycloak's grant checks the nonce again on the verified token and spends the token
 * itself ({@code jti}): a replay of the same cookie and token fails there.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#NonceNotes">OIDC Core §15.5.2</a>
 * @see <a href="https://developers.google.com/identity/gsi/web/reference/js-reference#nonce">Google Identity
 * Services: nonce</a>
 */
@Component
final class GoogleNonces {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SessionCookies cookies;

	private final CookieProperties properties;

	private final Clock clock;

	GoogleNonces(SessionCookies cookies, CookieProperties properties) {
		this.cookies = cookies;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/** A fresh nonce for this browser, replacing any earlier one. */
	String issue(HttpServletResponse response, ClientContext client) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expiresAt = this.clock.instant().plus(this.properties.googleNonceMaxAge());
		this.cookies.writeGoogleNonce(response, new GoogleNonceEnvelope(GoogleNonceEnvelope.VERSION, nonce,
				client.binding().fingerprint(), expiresAt.getEpochSecond()));
		return nonce;
	}

	/**
	 * Spends this browser's nonce on the ID token.
	 *
	 * @return the nonce, for Keycloak to compare with the token once it has verified it
	 * @throws ProblemException {@code google_nonce_mismatch} when this browser holds no good nonce, or the token
	 * carries another or none
	 */
	String spend(String idToken, HttpServletRequest request, HttpServletResponse response, ClientContext client) {
		GoogleNonceEnvelope bound = bound(request).orElseThrow(GoogleNonces::mismatch);
		this.cookies.clearGoogleNonce(response);
		boolean fresh = this.clock.instant().getEpochSecond() < bound.expiresAt();
		boolean sameDevice = MessageDigest.isEqual(bound.fingerprint().getBytes(StandardCharsets.US_ASCII),
				client.binding().fingerprint().getBytes(StandardCharsets.US_ASCII));
		// Read without verifying: Google's signature is Keycloak's to check, and it compares the nonce again then.
		String carried = nonceClaim(idToken);
		if (!fresh || !sameDevice || carried == null || !MessageDigest
			.isEqual(carried.getBytes(StandardCharsets.UTF_8), bound.nonce().getBytes(StandardCharsets.UTF_8))) {
			throw mismatch();
		}
		return bound.nonce();
	}

	private Optional<GoogleNonceEnvelope> bound(HttpServletRequest request) {
		try {
			return this.cookies.readGoogleNonce(request);
		}
		catch (UnreadableCookieException ex) {
			return Optional.empty();
		}
	}

	private static String nonceClaim(String idToken) {
		try {
			Object nonce = JWTParser.parse(idToken).getJWTClaimsSet().getClaim("nonce");
			return (nonce instanceof String value) ? value : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static ProblemException mismatch() {
		return new ProblemException(ProblemCode.GOOGLE_NONCE_MISMATCH,
				"This Google sign-in was not started in this browser, or took too long; sign in with Google again.");
	}

}
