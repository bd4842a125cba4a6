package io.authstack.bff.login;

import java.util.Map;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.metrics.LoginMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.ratelimit.LoginRateLimiter;
import io.authstack.bff.session.SessionView;
import io.authstack.bff.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Sign in with Google" for the SPA: the ID token must carry the nonce this browser was given
 * ({@link GoogleNonces}); it then goes to Keycloak's Google ID-token grant (ours, in keycloak-providers), which
 * verifies it, spends it and finds, links or creates the user; the answer is the same
 * cookie session as any login. Keycloak's refusals come back as stable codes and nothing more.
 */
@RestController
class GoogleSignInController {

	private static final Logger logger = LoggerFactory.getLogger(GoogleSignInController.class);

	/** Keycloak's {@code error_description} for our grant's refusals, as the SPA sees them. */
	private static final Map<String, ProblemCode> REFUSALS = Map.of("google_token_invalid",
			ProblemCode.GOOGLE_TOKEN_INVALID, "google_email_unverified", ProblemCode.GOOGLE_EMAIL_UNVERIFIED,
			"google_domain_not_allowed", ProblemCode.GOOGLE_DOMAIN_NOT_ALLOWED, "google_interaction_required",
			ProblemCode.GOOGLE_INTERACTION_REQUIRED, "google_email_in_use", ProblemCode.GOOGLE_EMAIL_IN_USE,
			"google_nonce_mismatch", ProblemCode.GOOGLE_NONCE_MISMATCH, "google_token_replayed",
			ProblemCode.GOOGLE_TOKEN_REPLAYED);

	private final KeycloakClient keycloak;

	private final Sessions sessions;

	private final LoginRateLimiter rateLimiter;

	private final GoogleNonces nonces;

	private final LoginMeters logins;

	GoogleSignInController(KeycloakClient keycloak, Sessions sessions, LoginRateLimiter rateLimiter,
			GoogleNonces nonces, LoginMeters logins) {
		this.keycloak = keycloak;
		this.sessions = sessions;
		this.rateLimiter = rateLimiter;
		this.nonces = nonces;
		this.logins = logins;
	}

	/**
	 * The nonce the SPA passes to Google Identity Services ({@code initialize({nonce})}) before the person signs
	 * in; a POST (with the CSRF header) because it sets this browser's nonce cookie.
	 */
	@PostMapping("/api/auth/google/nonce")
	Map<String, String> nonce(ClientContext client, HttpServletResponse response) {
		return Map.of("nonce", this.nonces.issue(response, client));
	}

	@PostMapping("/api/auth/google")
	SessionView signIn(@Valid @RequestBody GoogleCredential google, ClientContext client, HttpServletRequest request,
			HttpServletResponse response) {
		return this.logins.counted(LoginMeters.Method.GOOGLE, () -> googleSignIn(google, client, request, response));
	}

	private SessionView googleSignIn(GoogleCredential google, ClientContext client, HttpServletRequest request,
			HttpServletResponse response) {
		this.rateLimiter.checkAddress(client.address());
		String nonce = this.nonces.spend(google.credential(), request, response, client);
		TokenResponse tokens;
		try {
			tokens = this.keycloak.googleIdToken(google.credential(), nonce, client.forwarded());
		}
		catch (GrantRejectedException ex) {
			logger.info("Google sign-in refused: {} {}", ex.error(), ex.description());
			throw LoginRefusal.actionable(ex).orElseGet(() -> new ProblemException(
					REFUSALS.getOrDefault(ex.description(), ProblemCode.GOOGLE_SIGN_IN_REFUSED), "Google sign-in was refused."));
		}
		AccessToken token = this.sessions.start(response, tokens, client);
		logger.info("Google sign-in of user {}", token.subject());
		return SessionView.of(token);
	}

}
