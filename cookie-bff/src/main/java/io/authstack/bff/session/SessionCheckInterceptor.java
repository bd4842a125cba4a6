package io.authstack.bff.session;

import io.authstack.bff.binding.DeviceBinding;
import io.authstack.bff.binding.FingerprintBinding;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.cookie.UnreadableCookieException;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.authstack.bff.keycloak.InvalidAccessTokenException;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.problem.SessionEndedException;
import io.authstack.bff.revocation.RevocationStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The per-request check of every protected call: open the access cookie, verify Keycloak's JWT, ask Redis
 * once whether the session, the token or the user was revoked, then compare the device binding. Failures
 * become problem details through the one advice.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3">RFC 8725 §3</a>
 */
@Component
public final class SessionCheckInterceptor implements HandlerInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(SessionCheckInterceptor.class);

	private final SessionCookies cookies;

	private final AccessTokenVerifier verifier;

	private final RevocationStore revocations;

	private final FingerprintBinding binding;

	public SessionCheckInterceptor(SessionCookies cookies, AccessTokenVerifier verifier, RevocationStore revocations,
			FingerprintBinding binding) {
		this.cookies = cookies;
		this.verifier = verifier;
		this.revocations = revocations;
		this.binding = binding;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		AccessEnvelope envelope = accessEnvelope(request);
		AccessToken token;
		try {
			token = this.verifier.verify(envelope.accessToken());
		}
		catch (InvalidAccessTokenException ex) {
			logger.debug("Access token rejected", ex);
			throw new ProblemException(ProblemCode.SESSION_EXPIRED, "The session has expired; refresh it.");
		}
		RevocationStore.Status status = this.revocations.check(token.sessionId(), token.tokenId(), token.subject(),
				token.issuedAt());
		if (status != RevocationStore.Status.ACTIVE) {
			throw new SessionEndedException(ProblemCode.REVOKED, "The session was ended.");
		}
		switch (this.binding.check(new DeviceBinding(envelope.fingerprint(), envelope.ipPrefix()), request)) {
			case FINGERPRINT_MISMATCH -> {
				// A cookie replayed from another device: the session is presumed stolen, end it for everyone.
				this.revocations.revokeSession(token.sessionId());
				logger.warn("Device fingerprint mismatch: session of user {} revoked", token.subject());
				throw new SessionEndedException(ProblemCode.BINDING_MISMATCH, "The session belongs to another device.");
			}
			case IP_PREFIX_MISMATCH ->
				throw new ProblemException(ProblemCode.BINDING_MISMATCH, "The session belongs to another network.");
			case MATCH -> request.setAttribute(AuthenticatedSession.ATTRIBUTE, new AuthenticatedSession(token));
		}
		return true;
	}

	private AccessEnvelope accessEnvelope(HttpServletRequest request) {
		try {
			return this.cookies.readAccess(request)
				.orElseThrow(() -> new ProblemException(ProblemCode.SESSION_EXPIRED, "No session; log in or refresh."));
		}
		catch (UnreadableCookieException ex) {
			logger.info("Unreadable access cookie: {}", ex.getMessage());
			throw new ProblemException(ProblemCode.SESSION_EXPIRED, "No session; log in or refresh.");
		}
	}

}
