package io.authstack.bff.refresh;

import io.authstack.bff.binding.DeviceBinding;
import io.authstack.bff.binding.FingerprintBinding;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.cookie.UnreadableCookieException;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.problem.SessionEndedException;
import io.authstack.bff.revocation.RevocationStore;
import io.authstack.bff.session.CookieSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/refresh}: rotates both cookies. The new cookies are sealed with the current key,
 * so cookies sealed with a retired key disappear at their next refresh.
 */
@RestController
class RefreshController {

	private static final Logger logger = LoggerFactory.getLogger(RefreshController.class);

	private final SessionCookies cookies;

	private final FingerprintBinding binding;

	private final RefreshRotation rotation;

	private final CookieSession cookieSession;

	private final RevocationStore revocations;

	RefreshController(SessionCookies cookies, FingerprintBinding binding, RefreshRotation rotation,
			CookieSession cookieSession, RevocationStore revocations) {
		this.cookies = cookies;
		this.binding = binding;
		this.rotation = rotation;
		this.cookieSession = cookieSession;
		this.revocations = revocations;
	}

	@PostMapping("/api/auth/refresh")
	RefreshedSession refresh(HttpServletRequest request, HttpServletResponse response) {
		RefreshEnvelope envelope = refreshEnvelope(request);
		DeviceBinding sealed = new DeviceBinding(envelope.fingerprint(), envelope.ipPrefix());
		switch (this.binding.check(sealed, request)) {
			case FINGERPRINT_MISMATCH -> {
				this.revocations.revokeSession(envelope.sessionId());
				logger.warn("Device fingerprint mismatch at refresh: session {} revoked", envelope.sessionId());
				throw new SessionEndedException(ProblemCode.BINDING_MISMATCH, "The session belongs to another device.");
			}
			case IP_PREFIX_MISMATCH ->
				throw new ProblemException(ProblemCode.BINDING_MISMATCH, "The session belongs to another network.");
			case MATCH -> {
				// Carry on.
			}
		}
		TokenResponse tokens = this.rotation.rotate(envelope, this.binding.forwarded(request));
		AccessToken token = this.cookieSession.issue(response, tokens, sealed);
		return new RefreshedSession(token.expiresAt());
	}

	private RefreshEnvelope refreshEnvelope(HttpServletRequest request) {
		try {
			return this.cookies.readRefresh(request)
				.orElseThrow(() -> new SessionEndedException(ProblemCode.SESSION_EXPIRED, "No session; log in."));
		}
		catch (UnreadableCookieException ex) {
			logger.info("Unreadable refresh cookie: {}", ex.getMessage());
			throw new SessionEndedException(ProblemCode.SESSION_EXPIRED, "No session; log in.");
		}
	}

	/**
	 * The answer to a refresh.
	 *
	 * @param expiresAt when the new access token expires
	 */
	record RefreshedSession(java.time.Instant expiresAt) {
	}

}
