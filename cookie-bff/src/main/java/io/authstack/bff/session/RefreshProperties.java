package io.authstack.bff.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Refresh-token rotation.
 *
 * @param graceWindow how long after a rotation finished the same refresh token, sent from the same device
 * binding, still yields that rotation's result (a tab whose request crossed the rotation, a retried request);
 * requests that arrived while the rotation was in flight always share it. After the window the token is a
 * replay. Keep it short: a thief who copied the cookie and refreshes just after the victim gets the tokens
 * within it. Tabs of one browser share cookies, so they need no window of their own.
 * @param lockTimeout how long one rotation may hold the lock; longer than Keycloak's timeout
 */
@Validated
@ConfigurationProperties("authstack.bff.refresh")
public record RefreshProperties(Duration graceWindow, Duration lockTimeout) {

	public RefreshProperties {
		graceWindow = (graceWindow != null) ? graceWindow : Duration.ofSeconds(1);
		lockTimeout = (lockTimeout != null) ? lockTimeout : Duration.ofSeconds(10);
	}

}
