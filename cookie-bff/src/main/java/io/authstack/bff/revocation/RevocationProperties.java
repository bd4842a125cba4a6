package io.authstack.bff.revocation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long revocations are remembered in Redis.
 *
 * @param sessionTtl how long a revoked session ({@code bl:sid}) is remembered: the realm's SSO session max,
 * past which no token of that session is valid anyway
 * @param userTtl how long a user's "not before" ({@code bl:user}) is remembered: the refresh token max
 * @param adminEventsQueue the queue of Keycloak admin events that revoke users, shared by the BFF's replicas
 * @param adminEventsQueueExpiry when set, the broker deletes the queue after it has had no consumer this long
 * (for short-lived deployments such as test runs; a production queue stays)
 */
@Validated
@ConfigurationProperties("authstack.bff.revocation")
public record RevocationProperties(Duration sessionTtl, Duration userTtl, String adminEventsQueue,
		Duration adminEventsQueueExpiry) {

	public RevocationProperties {
		sessionTtl = (sessionTtl != null) ? sessionTtl : Duration.ofHours(10);
		userTtl = (userTtl != null) ? userTtl : Duration.ofHours(10);
		adminEventsQueue = (adminEventsQueue != null) ? adminEventsQueue : "authstack.bff.admin-events";
	}

}
