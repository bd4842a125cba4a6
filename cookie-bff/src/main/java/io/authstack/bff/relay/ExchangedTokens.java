package io.authstack.bff.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.session.AuthenticatedSession;
import io.authstack.bff.session.SessionEndedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The user's token exchanged (RFC 8693) for one restricted to a route's audience, cached per session and
 * route in Redis ({@code tx:<sid>:<route>}, sealed like a cookie, shared by every replica) until shortly before
 * it expires, and dropped when the session ends.
 *
 * @see <a href="https://www.keycloak.org/securing-apps/token-exchange">Keycloak standard token exchange</a>
 */
@Component
final class ExchangedTokens {

	private static final Logger logger = LoggerFactory.getLogger(ExchangedTokens.class);

	/** An exchanged token is not used in its last seconds, so that it never expires on its way to the API. */
	private static final Duration MARGIN = Duration.ofSeconds(15);

	private final StringRedisTemplate redis;

	private final KeycloakClient keycloak;

	private final CookieSealer sealer;

	private final List<ApiRoute> exchanging;

	ExchangedTokens(StringRedisTemplate redis, KeycloakClient keycloak, CookieSealer sealer, RelayProperties relay) {
		this.redis = redis;
		this.keycloak = keycloak;
		this.sealer = sealer;
		this.exchanging = relay.apis().stream().filter((route) -> route.audience() != null).toList();
	}

	String forRoute(AuthenticatedSession session, ApiRoute route) {
		String key = key(session.token().sessionId(), route);
		String cached = this.redis.opsForValue().get(key);
		if (cached != null) {
			return new String(this.sealer.open(cached), StandardCharsets.US_ASCII);
		}
		TokenResponse exchanged;
		try {
			exchanged = this.keycloak.exchange(session.bearer(), route.audience(), route.scope());
		}
		catch (GrantRejectedException ex) {
			// The realm does not let the BFF exchange for this audience: a deployment error, not the user's.
			logger.warn("Keycloak refused the token exchange for route {}: {} {}", route.id(), ex.error(),
					ex.description());
			throw new ProblemException(ProblemCode.UPSTREAM_UNAVAILABLE, "The API cannot be called right now.");
		}
		Duration life = Duration.ofSeconds(exchanged.expiresIn()).minus(MARGIN);
		if (!life.isNegative() && !life.isZero()) {
			this.redis.opsForValue()
				.set(key, this.sealer.seal(exchanged.accessToken().getBytes(StandardCharsets.US_ASCII)), life);
		}
		return exchanged.accessToken();
	}

	@EventListener
	void sessionEnded(SessionEndedEvent ended) {
		if (this.exchanging.isEmpty()) {
			return;
		}
		try {
			this.redis.delete(this.exchanging.stream().map((route) -> key(ended.sessionId(), route)).toList());
		}
		catch (DataAccessException ex) {
			// Redis is down: the logout goes on. Every relayed call checks the session first, and the token's
			// own expiry removes the entry.
			logger.warn("Exchanged tokens of session {} not dropped: {}", ended.sessionId(), ex.getMessage());
		}
	}

	private static String key(String sessionId, ApiRoute route) {
		return "tx:" + sessionId + ":" + route.id();
	}

}
