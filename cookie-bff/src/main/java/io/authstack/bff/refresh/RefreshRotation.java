package io.authstack.bff.refresh;

import java.time.Duration;
import java.time.Instant;

import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.keycloak.ForwardedClient;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.SessionEndedException;
import io.authstack.bff.revocation.RevocationStore;
import io.authstack.bff.session.CookieSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rotates a refresh token through Keycloak exactly once, however many tabs or replicas ask at the same
 * time: the first takes a Redis lock ({@code SET NX}) and leaves the result, sealed, under
 * {@code rot:<jti>} for the grace window; the others wait for it and share it. The rotated token is
 * deny-listed; presented again after the grace window it is a replay, and its whole family (the Keycloak
 * session) is revoked in Redis and at Keycloak.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2 refresh token
 * rotation</a>
 */
@Component
public final class RefreshRotation {

	/** Keycloak answered the refresh itself; shared results do not count. */
	public static final String UPSTREAM_ROTATIONS_METER = "authstack.bff.refresh.rotations";

	private static final Logger logger = LoggerFactory.getLogger(RefreshRotation.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

	private final StringRedisTemplate redis;

	private final RevocationStore revocations;

	private final KeycloakClient keycloak;

	private final CookieSealer sealer;

	private final JsonMapper json;

	private final RefreshProperties properties;

	private final Counter upstreamRotations;

	public RefreshRotation(StringRedisTemplate redis, RevocationStore revocations, KeycloakClient keycloak,
			CookieSealer sealer, JsonMapper json, RefreshProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.revocations = revocations;
		this.keycloak = keycloak;
		this.sealer = sealer;
		this.json = json;
		this.properties = properties;
		this.upstreamRotations = Counter.builder(UPSTREAM_ROTATIONS_METER)
			.description("Refresh tokens rotated at Keycloak")
			.register(meters);
	}

	public TokenResponse rotate(RefreshEnvelope envelope, ForwardedClient client) {
		CookieSession.RefreshClaims claims = CookieSession.RefreshClaims.of(envelope.refreshToken());
		switch (this.revocations.check(envelope.sessionId(), envelope.tokenId(), claims.subject(), claims.issuedAt())) {
			case SESSION_REVOKED, USER_REVOKED ->
				throw new SessionEndedException(ProblemCode.REVOKED, "The session was ended.");
			case TOKEN_REVOKED -> {
				String shared = this.redis.opsForValue().get(resultKey(envelope.tokenId()));
				if (shared == null) {
					throw replay(envelope);
				}
				return open(shared);
			}
			case ACTIVE -> {
				return rotateOnce(envelope, claims, client);
			}
		}
		throw new IllegalStateException("Unknown revocation status");
	}

	private TokenResponse rotateOnce(RefreshEnvelope envelope, CookieSession.RefreshClaims claims,
			ForwardedClient client) {
		String lock = "lock:rot:" + envelope.tokenId();
		if (!Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(lock, "1", this.properties.lockTimeout()))) {
			return awaitSharedResult(envelope);
		}
		TokenResponse tokens;
		try {
			tokens = this.keycloak.refresh(envelope.refreshToken(), client);
		}
		catch (GrantRejectedException ex) {
			this.redis.delete(lock);
			// Expired, or reused behind our back (Keycloak's own reuse check): access tokens of the session are
			// still valid at Keycloak until they expire, so the session is closed here too.
			this.revocations.revokeSession(envelope.sessionId());
			logger.info("Keycloak refused the refresh of session {}: {}", envelope.sessionId(), ex.error());
			throw new SessionEndedException(ProblemCode.SESSION_EXPIRED, "The session has expired; log in again.");
		}
		catch (UpstreamUnavailableException ex) {
			this.redis.delete(lock);
			throw ex;
		}
		this.upstreamRotations.increment();
		this.redis.opsForValue()
			.set(resultKey(envelope.tokenId()), this.sealer.seal(this.json.writeValueAsBytes(tokens)),
					this.properties.graceWindow());
		this.revocations.revokeToken(envelope.tokenId(), Duration.between(Instant.now(), claims.expiresAt()));
		return tokens;
	}

	private TokenResponse awaitSharedResult(RefreshEnvelope envelope) {
		Instant deadline = Instant.now().plus(this.properties.lockTimeout());
		String lock = "lock:rot:" + envelope.tokenId();
		while (Instant.now().isBefore(deadline)) {
			String shared = this.redis.opsForValue().get(resultKey(envelope.tokenId()));
			if (shared != null) {
				return open(shared);
			}
			if (!Boolean.TRUE.equals(this.redis.hasKey(lock))) {
				// The rotating request failed and let go: this one fails the same way rather than retry a token
				// Keycloak may already have seen.
				throw new UpstreamUnavailableException("concurrent refresh failed", null);
			}
			pause();
		}
		throw new UpstreamUnavailableException("concurrent refresh did not finish in time", null);
	}

	private SessionEndedException replay(RefreshEnvelope envelope) {
		this.revocations.revokeSession(envelope.sessionId());
		logger.warn("Refresh token replayed after rotation: session {} revoked", envelope.sessionId());
		try {
			this.keycloak.logout(envelope.refreshToken());
		}
		catch (GrantRejectedException | UpstreamUnavailableException ex) {
			logger.warn("Keycloak logout of replayed session {} failed: {}", envelope.sessionId(), ex.getMessage());
		}
		return new SessionEndedException(ProblemCode.REFRESH_REUSED,
				"This session's refresh token was used twice; the session has been ended.");
	}

	private TokenResponse open(String sealed) {
		return this.json.readValue(this.sealer.open(sealed), TokenResponse.class);
	}

	private static String resultKey(String jti) {
		return "rot:" + jti;
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

}
