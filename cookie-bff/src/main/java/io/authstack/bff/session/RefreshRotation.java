package io.authstack.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import io.authstack.bff.binding.DeviceBinding;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.cookie.SealedSession;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.RefreshClaims;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.metrics.RefreshMeters;
import io.authstack.bff.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rotates a refresh token through Keycloak exactly once, however many tabs or replicas ask at the same time:
 * the first takes a Redis lock ({@code SET NX}, in the script that reads the deny-list) and leaves the result
 * (the sealed cookies, with the rotating request's device binding and the time it finished) under
 * {@code rot:<jti>}, deny-listing the rotated token in the same script: two round trips to Redis in all.
 * The result is shared only with a request of the same device binding that arrived while the rotation was in
 * flight, or within the short grace window after it. Anything else is a replay: the whole family (the Keycloak
 * session) is revoked, in Redis and at Keycloak.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2 refresh token
 * rotation</a>
 */
@Component
public final class RefreshRotation {

	private static final Logger logger = LoggerFactory.getLogger(RefreshRotation.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

	private final RotationStore store;

	private final SessionRevocation revocation;

	private final KeycloakClient keycloak;

	private final SessionCookies cookies;

	private final JsonMapper json;

	private final RefreshProperties properties;

	private final RefreshMeters meters;

	RefreshRotation(RotationStore store, SessionRevocation revocation, KeycloakClient keycloak,
			SessionCookies cookies, JsonMapper json, RefreshProperties properties, RefreshMeters meters) {
		this.store = store;
		this.revocation = revocation;
		this.keycloak = keycloak;
		this.cookies = cookies;
		this.json = json;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Reads the deny-list about the token and, when {@code bound}, takes the rotation's lock: one round trip to
	 * Redis.
	 */
	RotationStore.Start begin(RefreshEnvelope envelope, RefreshClaims claims, boolean bound) {
		return this.store.begin(envelope.sessionId(), claims, bound);
	}

	/**
	 * The session's next cookies: rotated at Keycloak and sealed by {@code seal} when this request holds the
	 * lock, else those of the rotation another request did or is doing, when they may be shared.
	 */
	SealedSession complete(RotationStore.Start start, RefreshEnvelope envelope, RefreshClaims claims,
			Revocation family, Function<TokenResponse, SealedSession> seal) {
		return switch (start.state()) {
			case ROTATE -> rotate(envelope, claims, family, seal);
			case IN_FLIGHT -> awaitSharedResult(envelope, family);
			case ROTATED -> alreadyRotated(start.result(), family);
			case REVOKED, ACTIVE -> throw new IllegalStateException("no rotation to complete: " + start.state());
		};
	}

	private SealedSession rotate(RefreshEnvelope envelope, RefreshClaims claims, Revocation family,
			Function<TokenResponse, SealedSession> seal) {
		SealedSession next;
		try {
			next = seal.apply(this.keycloak.refresh(envelope.refreshToken(), family.client().forwarded()));
		}
		catch (GrantRejectedException ex) {
			this.store.release(envelope.tokenId());
			// Expired, or reused behind our back (Keycloak's own reuse check): access tokens of the session are
			// still valid at Keycloak until they expire, so the session is closed here too.
			logger.info("Keycloak refused the refresh of session {}: {}", envelope.sessionId(), ex.error());
			this.revocation.revoke(Revocation.Reason.REFRESH_REFUSED, family);
			throw new SessionEndedException(ProblemCode.SESSION_EXPIRED, "The session has expired; log in again.",
					this.cookies.clearing());
		}
		catch (RuntimeException ex) {
			this.store.release(envelope.tokenId());
			throw ex;
		}
		this.meters.rotated();
		Rotation rotation = new Rotation(next, family.client().binding().fingerprint(),
				family.client().binding().ipPrefix(), Instant.now().toEpochMilli());
		this.store.finish(envelope.tokenId(), this.json.writeValueAsString(rotation),
				Duration.between(Instant.now(), claims.expiresAt()));
		return next;
	}

	/** A token presented again after its rotation finished: the rotation's result, or a replay. */
	private SealedSession alreadyRotated(String result, Revocation family) {
		if (result == null) {
			throw replay(family, "presented after its rotation expired");
		}
		Rotation rotation = read(result);
		Instant finishedAt = Instant.ofEpochMilli(rotation.finishedAt());
		if (Instant.now().isAfter(finishedAt.plus(this.properties.graceWindow()))) {
			throw replay(family, "presented after the grace window");
		}
		return shared(rotation, family);
	}

	private SealedSession awaitSharedResult(RefreshEnvelope envelope, Revocation family) {
		Instant deadline = Instant.now().plus(this.properties.lockTimeout());
		while (Instant.now().isBefore(deadline)) {
			String result = this.store.result(envelope.tokenId());
			if (result != null) {
				return shared(read(result), family);
			}
			if (!this.store.inFlight(envelope.tokenId())) {
				// The rotating request failed and let go: this one fails the same way rather than retry a token
				// Keycloak may already have seen.
				throw new UpstreamUnavailableException("concurrent refresh failed", null);
			}
			pause();
		}
		throw new UpstreamUnavailableException("concurrent refresh did not finish in time", null);
	}

	private SealedSession shared(Rotation rotation, Revocation family) {
		// The hashes of the binding, not secrets: a plain comparison leaks nothing.
		if (!rotation.binding().equals(family.client().binding())) {
			throw replay(family, "presented from another device binding than its rotation");
		}
		this.meters.shared();
		return rotation.cookies();
	}

	private SessionEndedException replay(Revocation family, String how) {
		logger.warn("Refresh token of session {} replayed: {}", family.sessionId(), how);
		this.revocation.revoke(Revocation.Reason.REFRESH_REUSED, family);
		return new SessionEndedException(ProblemCode.REFRESH_REUSED,
				"This session's refresh token was used twice; the session has been ended.", this.cookies.clearing());
	}

	private Rotation read(String result) {
		try {
			return this.json.readValue(result, Rotation.class);
		}
		catch (JacksonException ex) {
			// Left by a replica of an older version during a rolling upgrade (it sealed the token response).
			throw new UpstreamUnavailableException("rotation result in another version's format", ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted waiting for a concurrent refresh", ex);
		}
	}

	/**
	 * A finished rotation, as kept for the requests that may share it. The cookies are sealed already, so the
	 * result is kept as it is: sealing it again would add a cipher and protect nothing the cookies do not.
	 *
	 * @param cookies the session's next cookies
	 * @param fingerprint the rotating request's fingerprint hash
	 * @param ipPrefix the rotating request's IP-prefix hash
	 * @param finishedAt epoch milliseconds when Keycloak answered
	 */
	record Rotation(SealedSession cookies, String fingerprint, String ipPrefix, long finishedAt) {

		DeviceBinding binding() {
			return new DeviceBinding(this.fingerprint, this.ipPrefix);
		}

	}

}
