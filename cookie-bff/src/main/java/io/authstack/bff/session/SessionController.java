package io.authstack.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.authstack.bff.account.AccountSetup;
import io.authstack.bff.binding.ClientAddress;
import io.authstack.bff.binding.FingerprintBinding;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.cookie.UnreadableCookieException;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.InvalidAccessTokenException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.ratelimit.LoginRateLimiter;
import io.authstack.bff.revocation.RevocationStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logging in with a password, asking who is logged in, and logging out.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.4">RFC 9700 §2.4 (why the password login
 * is off in production unless configured)</a>
 * @see <a href="https://www.w3.org/TR/clear-site-data/">Clear Site Data</a>
 */
@RestController
class SessionController {

	private static final Logger logger = LoggerFactory.getLogger(SessionController.class);

	private final KeycloakProperties keycloakProperties;

	private final KeycloakClient keycloak;

	private final CookieSession cookieSession;

	private final SessionCookies cookies;

	private final FingerprintBinding binding;

	private final RevocationStore revocations;

	private final AccessTokenVerifier verifier;

	private final LoginRateLimiter rateLimiter;

	private final ClientAddress clientAddress;

	private final AccountSetup accountSetup;

	SessionController(KeycloakProperties keycloakProperties, KeycloakClient keycloak, CookieSession cookieSession,
			SessionCookies cookies, FingerprintBinding binding, RevocationStore revocations,
			AccessTokenVerifier verifier, LoginRateLimiter rateLimiter, ClientAddress clientAddress,
			AccountSetup accountSetup) {
		this.accountSetup = accountSetup;
		this.rateLimiter = rateLimiter;
		this.clientAddress = clientAddress;
		this.keycloakProperties = keycloakProperties;
		this.keycloak = keycloak;
		this.cookieSession = cookieSession;
		this.cookies = cookies;
		this.binding = binding;
		this.revocations = revocations;
		this.verifier = verifier;
	}

	@PostMapping("/api/auth/login")
	SessionView login(@Valid @RequestBody LoginRequest login, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.keycloakProperties.directGrantEnabled()) {
			throw new ProblemException(ProblemCode.LOGIN_METHOD_DISABLED, "Password login is disabled; use the redirect login.");
		}
		this.rateLimiter.checkAddress(this.clientAddress.of(request));
		this.rateLimiter.checkUsername(login.username());
		TokenResponse tokens;
		try {
			tokens = this.keycloak.passwordGrant(login.username(), login.password(), login.otp(),
					this.binding.forwarded(request));
		}
		catch (GrantRejectedException ex) {
			logger.info("Password login refused for username {}: {} {}", login.username(), ex.error(), ex.description());
			throw LoginRefusal.actionable(ex, () -> this.accountSetup.pendingStep(login.username()))
				.orElseGet(() -> new ProblemException(ProblemCode.INVALID_CREDENTIALS, "Invalid username or password."));
		}
		AccessToken token = this.cookieSession.issue(response, tokens, this.binding.of(request));
		logger.info("Password login of user {}", token.subject());
		return SessionView.of(token);
	}

	@GetMapping("/api/auth/session")
	SessionView session(@RequestAttribute(AuthenticatedSession.ATTRIBUTE) AuthenticatedSession session) {
		return SessionView.of(session.token());
	}

	/**
	 * Ends the session everywhere it matters: in Redis first (so nothing sealed for it works any more, even
	 * if Keycloak is down), then at Keycloak, then in the browser. Works with broken or missing cookies too.
	 */
	@PostMapping("/api/auth/logout")
	ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
		Optional<RefreshEnvelope> refresh = readQuietly(() -> this.cookies.readRefresh(request));
		Optional<AccessEnvelope> access = readQuietly(() -> this.cookies.readAccess(request));
		refresh.ifPresent((envelope) -> {
			CookieSession.RefreshClaims claims = CookieSession.RefreshClaims.of(envelope.refreshToken());
			this.revocations.revokeSession(envelope.sessionId());
			this.revocations.revokeToken(envelope.tokenId(), Duration.between(Instant.now(), claims.expiresAt()));
		});
		access.flatMap(this::verifiedQuietly).ifPresent((token) -> {
			this.revocations.revokeSession(token.sessionId());
			this.revocations.revokeToken(token.tokenId(), Duration.between(Instant.now(), token.expiresAt()));
		});
		refresh.ifPresent((envelope) -> {
			try {
				this.keycloak.logout(envelope.refreshToken());
			}
			catch (GrantRejectedException | UpstreamUnavailableException ex) {
				// Revoked in Redis already: Keycloak's session just lives until its idle timeout.
				logger.warn("Keycloak logout of session {} failed: {}", envelope.sessionId(), ex.getMessage());
			}
		});
		this.cookies.clear(response);
		response.setHeader("Clear-Site-Data", "\"cookies\"");
		return ResponseEntity.noContent().build();
	}

	private Optional<AccessToken> verifiedQuietly(AccessEnvelope envelope) {
		try {
			return Optional.of(this.verifier.verify(envelope.accessToken()));
		}
		catch (InvalidAccessTokenException ex) {
			return Optional.empty();
		}
	}

	private static <T> Optional<T> readQuietly(java.util.function.Supplier<Optional<T>> read) {
		try {
			return read.get();
		}
		catch (UnreadableCookieException ex) {
			// Logout clears whatever the browser holds; a cookie we cannot open has nothing to revoke.
			logger.info("Unreadable cookie at logout: {}", ex.getMessage());
			return Optional.empty();
		}
	}

}
