package io.authstack.bff.session;

import java.time.Duration;
import java.time.Instant;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.binding.DeviceBinding;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.RefreshClaims;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.metrics.RefreshMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.revocation.RevocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rotates a refresh token through Keycloak exactly once, however many tabs or replicas ask at the same time:
 * the first takes a Redis lock ({@code SET NX}) and leaves the result, sealed with the rotating request's
 * device binding and the time it finished, under {@code rot:<jti>}; the rotated token is deny-listed.
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

	private final StringRedisTemplate redis;

	private final RevocationStore revocations;

	private final SessionRevocation revocation;

	private final KeycloakClient keycloak;

	private final CookieSealer sealer;

	private final SessionCookies cookies;

	private final JsonMapper json;

	private final RefreshProperties properties;

	private final RefreshMeters meters;

	RefreshRotation(StringRedisTemplate redis, RevocationStore revocations, SessionRevocation revocation,
			KeycloakClient keycloak, CookieSealer sealer, SessionCookies cookies, JsonMapper json,
			RefreshProperties properties, RefreshMeters meters) {
		this.redis = redis;
		this.revocations = revocations;
		this.revocation = revocation;
		this.keycloak = keycloak;
		this.sealer = sealer;
		this.cookies = cookies;
		this.json = json;
		this.properties = properties;
		this.meters = meters;
	}

	/** Rotates a token not yet rotated, or waits for the rotation another request is doing. */
	TokenResponse rotate(RefreshEnvelope envelope, RefreshClaims claims, Revocation family) {
		ClientContext client = family.client();
		String lock = lockKey(envelope.tokenId());
		if (!Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(lock, "1", this.properties.lockTimeout()))) {
			return awaitSharedResult(envelope, family);
		}
		TokenResponse tokens;
		try {
			tokens = this.keycloak.refresh(envelope.refreshToken(), client.forwarded());
		}
		catch (GrantRejectedException ex) {
			this.redis.delete(lock);
			// Expired, or reused behind our back (Keycloak's own reuse check): access tokens of the session are
			// still valid at Keycloak until they expire, so the session is closed here too.
			logger.info("Keycloak refused the refresh of session {}: {}", envelope.sessionId(), ex.error());
			this.revocation.revoke(Revocation.Reason.REFRESH_REFUSED, family);
			throw new SessionEndedException(ProblemCode.SESSION_EXPIRED, "The session has expired; log in again.",
					this.cookies.clearing());
		}
		catch (UpstreamUnavailableException ex) {
			this.redis.delete(lock);
			throw ex;
		}
		this.meters.rotated();
		Rotation rotation = new Rotation(tokens, client.binding().fingerprint(), client.binding().ipPrefix(),
				Instant.now().toEpochMilli());
		// Kept as long as the lock, so that every request that arrived in flight finds it.
		this.redis.opsForValue()
			.set(resultKey(envelope.tokenId()), this.sealer.seal(this.json.writeValueAsBytes(rotation)),
					this.properties.lockTimeout());
		this.revocations.revokeToken(envelope.tokenId(), Duration.between(Instant.now(), claims.expiresAt()));
		return tokens;
	}

	/** A token presented again after its rotation finished: the rotation's result, or a replay. */
	TokenResponse alreadyRotated(RefreshEnvelope envelope, Revocation family) {
		String sealed = this.redis.opsForValue().get(resultKey(envelope.tokenId()));
		if (sealed == null) {
			throw replay(family, "presented after its rotation expired");
		}
		Rotation rotation = open(sealed);
		Instant finishedAt = Instant.ofEpochMilli(rotation.finishedAt());
		if (Instant.now().isAfter(finishedAt.plus(this.properties.graceWindow()))) {
			throw replay(family, "presented after the grace window");
		}
		return shared(rotation, family);
	}

	private TokenResponse awaitSharedResult(RefreshEnvelope envelope, Revocation family) {
		Instant deadline = Instant.now().plus(this.properties.lockTimeout());
		while (Instant.now().isBefore(deadline)) {
			String sealed = this.redis.opsForValue().get(resultKey(envelope.tokenId()));
			if (sealed != null) {
				return shared(open(sealed), family);
			}
			if (!Boolean.TRUE.equals(this.redis.hasKey(lockKey(envelope.tokenId())))) {
				// The rotating request failed and let go: this one fails the same way rather than retry a token
				// Keycloak may already have seen.
				throw new UpstreamUnavailableException("concurrent refresh failed", null);
			}
			pause();
		}
		throw new UpstreamUnavailableException("concurrent refresh did not finish in time", null);
	}

	private TokenResponse shared(Rotation rotation, Revocation family) {
		// The hashes of the binding, not secrets: a plain comparison leaks nothing.
		if (!rotation.binding().equals(family.client().binding())) {
			throw replay(family, "presented from another device binding than its rotation");
		}
		this.meters.shared();
		return rotation.tokens();
	}

	private SessionEndedException replay(Revocation family, String how) {
		logger.warn("Refresh token of session {} replayed: {}", family.sessionId(), how);
		this.revocation.revoke(Revocation.Reason.REFRESH_REUSED, family);
		return new SessionEndedException(ProblemCode.REFRESH_REUSED,
				"This session's refresh token was used twice; the session has been ended.", this.cookies.clearing());
	}

	private Rotation open(String sealed) {
		return this.json.readValue(this.sealer.open(sealed), Rotation.class);
	}

	private static String resultKey(String jti) {
		return "rot:" + jti;
	}

	private static String lockKey(String jti) {
		return "lock:rot:" + jti;
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
	 * A finished rotation, as kept for the requests that may share it.
	 *
	 * @param tokens Keycloak's answer
	 * @param fingerprint the rotating request's fingerprint hash
	 * @param ipPrefix the rotating request's IP-prefix hash
	 * @param finishedAt epoch milliseconds when Keycloak answered
	 */
	record Rotation(TokenResponse tokens, String fingerprint, String ipPrefix, long finishedAt) {

		DeviceBinding binding() {
			return new DeviceBinding(this.fingerprint, this.ipPrefix);
		}

	}

}
