package io.authstack.bff.metrics;

import java.util.List;

/**
 * Every meter the BFF exports, in one place, so that a dashboard or an alert rule can be checked against them. The
 * Prometheus name follows each (Micrometer turns dots into underscores, adds {@code _total} to counters and
 * {@code _seconds} to timers). Every tag value comes from an enum of this package or from the configured relay
 * route ids: no user, email, address or token ever becomes a tag.
 */
public final class MeterNames {

	/**
	 * Logins, {@code authstack_bff_logins_total{method, outcome}}: {@link LoginMeters.Method} and
	 * {@link LoginMeters.Outcome}. Counted where the login is decided: the password and Google calls, the redirect
	 * login's callback.
	 */
	public static final String LOGINS = "authstack.bff.logins";

	/** Refreshes, {@code authstack_bff_refreshes_total{outcome}}: {@link RefreshMeters.Outcome}. */
	public static final String REFRESHES = "authstack.bff.refreshes";

	/**
	 * Session checks of protected calls (the BFF's own and the relayed ones),
	 * {@code authstack_bff_session_checks_total{outcome}}: {@link SessionCheckMeters.Outcome}.
	 */
	public static final String SESSION_CHECKS = "authstack.bff.session.checks";

	/** State-changing calls refused for a missing {@code X-CSRF} or a foreign {@code Origin}, {@code authstack_bff_csrf_rejected_total}. */
	public static final String CSRF_REJECTED = "authstack.bff.csrf.rejected";

	/** Calls refused with {@code 429}, {@code authstack_bff_rate_limited_total{limiter}}: {@link RateLimitMeters.Limiter}. */
	public static final String RATE_LIMITED = "authstack.bff.rate.limited";

	/**
	 * Calls that reached a relay route's guard, by the answer's status class,
	 * {@code authstack_bff_relay_calls_total{route, status}}: {@code route} is a configured route id
	 * ({@code authstack.bff.apis[].id}), {@code status} one of {@code 1xx} ... {@code 5xx}.
	 */
	public static final String RELAY_CALLS = "authstack.bff.relay.calls";

	/**
	 * Requests to Keycloak until its answer begins, {@code authstack_bff_keycloak_requests_seconds{endpoint, outcome}}
	 * (a histogram): {@link KeycloakMeters.Endpoint} and {@link KeycloakMeters.Outcome}.
	 */
	public static final String KEYCLOAK_REQUESTS = "authstack.bff.keycloak.requests";

	/**
	 * Redis commands, {@code authstack_bff_redis_commands_seconds{client, outcome}} (a histogram):
	 * {@link RedisMeters.Client} and {@link RedisMeters.Outcome}.
	 */
	public static final String REDIS_COMMANDS = "authstack.bff.redis.commands";

	/** Access tokens the verifier remembers as verified in full now, {@code authstack_bff_verified_tokens}. */
	public static final String VERIFIED_TOKENS = "authstack.bff.verified.tokens";

	/**
	 * Look-ups in the verified-token cache, {@code authstack_bff_verified_token_lookups_total{result}} ({@code hit},
	 * {@code miss}); the hit ratio is {@code rate(hit) / rate(hit + miss)}.
	 */
	public static final String VERIFIED_TOKEN_LOOKUPS = "authstack.bff.verified.token.lookups";

	/** Every name above. */
	public static final List<String> ALL = List.of(LOGINS, REFRESHES, SESSION_CHECKS, CSRF_REJECTED, RATE_LIMITED,
			RELAY_CALLS, KEYCLOAK_REQUESTS, REDIS_COMMANDS, VERIFIED_TOKENS, VERIFIED_TOKEN_LOOKUPS);

	private MeterNames() {
	}

}
