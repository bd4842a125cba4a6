package io.authstack.bff.refresh;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Refresh-token rotation.
 *
 * @param graceWindow how long after a rotation the same refresh token still yields that rotation's result
 * (other tabs, other replicas, a retried request); after it, the token is a replay
 * @param lockTimeout how long one rotation may hold the lock; longer than Keycloak's timeout
 */
@Validated
@ConfigurationProperties("authstack.bff.refresh")
public record RefreshProperties(Duration graceWindow, Duration lockTimeout) {

	public RefreshProperties {
		graceWindow = (graceWindow != null) ? graceWindow : Duration.ofSeconds(10);
		lockTimeout = (lockTimeout != null) ? lockTimeout : Duration.ofSeconds(10);
	}

}
