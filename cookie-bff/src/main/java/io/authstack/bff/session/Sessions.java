package io.authstack.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.binding.ClientContexts;
import io.authstack.bff.binding.DeviceBinding;
import io.authstack.bff.binding.FingerprintBinding;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.cookie.SealedSession;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.cookie.UnreadableCookieException;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.InvalidAccessTokenException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.RefreshClaims;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.metrics.SessionCheckMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.revocation.RevocationStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The one session layer: every login {@link #start starts} a session here, every protected call is
 * {@link #check checked} here, and refresh and logout {@link #rotate rotate} and {@link #end end} it here.
 * A check always runs in one order: open the cookie, verify Keycloak's JWT, ask Redis once about revocation,
 * then compare the device binding; a fingerprint mismatch ends the session for everyone (in Redis and at
 * Keycloak), as the cookie is presumed stolen.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3">RFC 8725 §3</a>
 * @see <a href="https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps#section-6.1">BFF</a>
 */
@Component
public final class Sessions {

	private static final Logger logger = LoggerFactory.getLogger(Sessions.class);

	private final SessionCookies cookies;

	private final AccessTokenVerifier verifier;

	private final RevocationStore revocations;

	private final FingerprintBinding binding;

	private final ClientContexts clients;

	private final RefreshRotation rotation;

	private final SessionRevocation revocation;

	private final KeycloakClient keycloak;

	private final ApplicationEventPublisher events;

	private final SessionCheckMeters checks;

	Sessions(SessionCookies cookies, AccessTokenVerifier verifier, RevocationStore revocations,
			FingerprintBinding binding, ClientContexts clients, RefreshRotation rotation, SessionRevocation revocation,
			KeycloakClient keycloak, ApplicationEventPublisher events, SessionCheckMeters checks) {
		this.cookies = cookies;
		this.verifier = verifier;
		this.revocations = revocations;
		this.binding = binding;
		this.clients = clients;
		this.rotation = rotation;
		this.revocation = revocation;
		this.keycloak = keycloak;
		this.events = events;
		this.checks = checks;
	}

	/**
	 * Turns a login's token response into the two session cookies, bound to the client's device. The access
	 * token is verified like any other before it is handed out; of the refresh token (signed with a realm
	 * secret the BFF does not hold, and straight from Keycloak's token endpoint) only the claims are read.
	 */
	public AccessToken start(HttpServletResponse response, TokenResponse tokens, ClientContext client) {
		return issue(response, tokens, client.binding());
	}

	/**
	 * @throws ProblemException when the request carries no session that may go on
	 * @throws DataAccessException when Redis cannot tell whether the session was revoked
	 */
	public AuthenticatedSession check(HttpServletRequest request) {
		AuthenticatedSession session;
		try {
			session = checked(request);
		}
		catch (RuntimeException ex) {
			this.checks.refused(ex);
			throw ex;
		}
		this.checks.ok();
		return session;
	}

	private AuthenticatedSession checked(HttpServletRequest request) {
		AccessEnvelope envelope = open(() -> this.cookies.readAccess(request),
				() -> new ProblemException(ProblemCode.SESSION_EXPIRED, "No session; log in or refresh."));
		AccessToken token = verified(envelope);
		if (this.revocations.check(token.sessionId(), token.tokenId(), token.subject(),
				token.issuedAt()) != RevocationStore.Status.ACTIVE) {
			throw ended(ProblemCode.REVOKED, "The session was ended.");
		}
		requireBound(new DeviceBinding(envelope.fingerprint(), envelope.ipPrefix()),
				new Revocation(token.sessionId(), token.subject(), this.clients.of(request)));
		return new AuthenticatedSession(token, envelope.accessToken());
	}

	/**
	 * As {@link #check}, for a call that may also be made without a session: empty when the browser holds no
	 * session cookie at all. One it holds must pass, so that an expired session is refreshed, not ignored.
	 */
	public Optional<AuthenticatedSession> checkIfPresent(HttpServletRequest request) {
		return this.cookies.holdsSession(request) ? Optional.of(check(request)) : Optional.empty();
	}

	/**
	 * Rotates both cookies, in the order of {@link #check}; the new cookies are sealed with the current key, so
	 * cookies sealed with a retired key disappear at their next refresh.
	 *
	 * @return when the new access token expires
	 */
	public Instant rotate(HttpServletRequest request, HttpServletResponse response) {
		RefreshEnvelope envelope = open(() -> this.cookies.readRefresh(request),
				() -> ended(ProblemCode.SESSION_EXPIRED, "No session; log in."));
		RefreshClaims claims = claimsOf(envelope);
		DeviceBinding sealed = new DeviceBinding(envelope.fingerprint(), envelope.ipPrefix());
		ClientContext client = this.clients.of(request);
		Revocation family = new Revocation(envelope.sessionId(), claims.subject(), client);
		FingerprintBinding.Verdict binding = this.binding.check(sealed, client.binding());
		RotationStore.Start start = this.rotation.begin(envelope, claims, binding == FingerprintBinding.Verdict.MATCH);
		if (start.state() == RotationStore.State.REVOKED) {
			throw ended(ProblemCode.REVOKED, "The session was ended.");
		}
		requireBound(binding, family);
		SealedSession next = this.rotation.complete(start, envelope, claims, family,
				(tokens) -> seal(tokens, sealed).cookies());
		this.cookies.write(response, next);
		return next.accessExpiry();
	}

	/**
	 * Ends the session everywhere it matters: in Redis (so nothing sealed for it works any more, even if
	 * Keycloak is down), at Keycloak, and in the browser. Works with broken or missing cookies too. When Redis
	 * is down, Keycloak's session and the cookies still end, and the answer says the store was unavailable.
	 */
	public void end(HttpServletRequest request, HttpServletResponse response) {
		Optional<RefreshEnvelope> refresh = quietly(() -> this.cookies.readRefresh(request));
		Optional<AccessToken> access = quietly(() -> this.cookies.readAccess(request)).flatMap(this::verifiedQuietly);
		DataAccessException storeDown = null;
		try {
			refresh.ifPresent((envelope) -> revoke(envelope.sessionId(), envelope.tokenId(),
					claimsOf(envelope).expiresAt()));
			access.ifPresent((token) -> revoke(token.sessionId(), token.tokenId(), token.expiresAt()));
		}
		catch (DataAccessException ex) {
			storeDown = ex;
		}
		refresh.ifPresent(this::logoutAtKeycloak);
		refresh.map(RefreshEnvelope::sessionId)
			.or(() -> access.map(AccessToken::sessionId))
			.ifPresent((sid) -> this.events.publishEvent(new SessionEndedEvent(sid)));
		this.cookies.clear(response);
		response.setHeader("Clear-Site-Data", "\"cookies\"");
		if (storeDown != null) {
			logger.error("Revocation store unavailable at logout: Keycloak's session and the cookies ended",
					storeDown);
			throw ended(ProblemCode.UPSTREAM_UNAVAILABLE,
					"You are logged out here, but the session store is unavailable; try again shortly.");
		}
	}

	private AccessToken issue(HttpServletResponse response, TokenResponse tokens, DeviceBinding device) {
		Issued issued = seal(tokens, device);
		this.cookies.write(response, issued.cookies());
		return issued.access();
	}

	private Issued seal(TokenResponse tokens, DeviceBinding device) {
		AccessToken access = this.verifier.verify(tokens.accessToken());
		RefreshClaims refresh = RefreshClaims.of(tokens.refreshToken());
		RefreshEnvelope refreshEnvelope = new RefreshEnvelope(RefreshEnvelope.VERSION, tokens.refreshToken(),
				refresh.sessionId(), refresh.tokenId(), device.fingerprint(), device.ipPrefix(), refresh.subject(),
				refresh.issuedAt().getEpochSecond(), refresh.expiresAt().getEpochSecond());
		try {
			return new Issued(access, this.cookies.seal(
					new AccessEnvelope(AccessEnvelope.VERSION, tokens.accessToken(), device.fingerprint(),
							device.ipPrefix()),
					access.expiresAt(), refreshEnvelope, refresh.expiresAt()));
		}
		catch (ProblemException tooLarge) {
			// No cookie can hold it: the Keycloak session just opened would only wait for its idle timeout.
			logoutAtKeycloak(refreshEnvelope);
			throw tooLarge;
		}
	}

	/** The refresh token's claims, from the envelope, or from the token in a cookie sealed before they were kept. */
	private static RefreshClaims claimsOf(RefreshEnvelope envelope) {
		return envelope.carriesClaims()
				? new RefreshClaims(envelope.sessionId(), envelope.tokenId(), envelope.subject(),
						Instant.ofEpochSecond(envelope.issuedAt()), Instant.ofEpochSecond(envelope.expiresAt()))
				: RefreshClaims.of(envelope.refreshToken());
	}

	private AccessToken verified(AccessEnvelope envelope) {
		try {
			return this.verifier.verify(envelope.accessToken());
		}
		catch (InvalidAccessTokenException ex) {
			logger.debug("Access token rejected", ex);
			throw new ProblemException(ProblemCode.SESSION_EXPIRED, "The session has expired; refresh it.");
		}
	}

	private void requireBound(DeviceBinding sealed, Revocation family) {
		requireBound(this.binding.check(sealed, family.client().binding()), family);
	}

	private void requireBound(FingerprintBinding.Verdict verdict, Revocation family) {
		switch (verdict) {
			case FINGERPRINT_MISMATCH -> {
				this.revocation.revoke(Revocation.Reason.BINDING_MISMATCH, family);
				throw ended(ProblemCode.BINDING_MISMATCH, "The session belongs to another device.");
			}
			case IP_PREFIX_MISMATCH ->
				throw new ProblemException(ProblemCode.BINDING_MISMATCH, "The session belongs to another network.");
			case MATCH -> {
				// The device is the one the session was started on.
			}
		}
	}

	private void revoke(String sessionId, String tokenId, Instant expiresAt) {
		this.revocations.revokeSession(sessionId);
		this.revocations.revokeToken(tokenId, Duration.between(Instant.now(), expiresAt));
	}

	private void logoutAtKeycloak(RefreshEnvelope envelope) {
		try {
			this.keycloak.logout(envelope.refreshToken());
		}
		catch (GrantRejectedException | UpstreamUnavailableException ex) {
			// Revoked in Redis already: Keycloak's session just lives until its idle timeout.
			logger.warn("Keycloak logout of session {} failed: {}", envelope.sessionId(), ex.getMessage());
		}
	}

	private Optional<AccessToken> verifiedQuietly(AccessEnvelope envelope) {
		try {
			return Optional.of(this.verifier.verify(envelope.accessToken()));
		}
		catch (InvalidAccessTokenException ex) {
			return Optional.empty();
		}
	}

	private SessionEndedException ended(ProblemCode code, String detail) {
		return new SessionEndedException(code, detail, this.cookies.clearing());
	}

	/** A session's verified access token and its cookies, sealed. */
	private record Issued(AccessToken access, SealedSession cookies) {
	}

	private static <T> T open(Supplier<Optional<T>> read, Supplier<ProblemException> missing) {
		try {
			return read.get().orElseThrow(missing);
		}
		catch (UnreadableCookieException ex) {
			logger.info("Unreadable session cookie: {}", ex.getMessage());
			throw missing.get();
		}
	}

	private static <T> Optional<T> quietly(Supplier<Optional<T>> read) {
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
