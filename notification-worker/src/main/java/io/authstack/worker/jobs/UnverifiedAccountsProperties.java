package io.authstack.worker.jobs;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job that deletes accounts whose email was never verified ({@code authstack.worker.unverified-accounts.*}).
 * Off unless enabled; when enabled it needs Keycloak's address and the worker's service-account
 * credentials (a confidential client with the service account roles {@code realm-management}
 * {@code view-users} and {@code manage-users}).
 *
 * @param enabled whether the job is scheduled
 * @param cron when it runs (Spring cron, seconds first); daily by default
 * @param keycloakUrl Keycloak's base URL, such as {@code https://auth.example.com}
 * @param realm the realm whose users are purged
 * @param clientId the worker's service-account client
 * @param clientSecret its secret; no default
 * @param after how long an account may stay unverified before it is deleted
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html#_users">Keycloak admin REST
 * API: users</a>
 */
@Validated
@ConfigurationProperties("authstack.worker.unverified-accounts")
public record UnverifiedAccountsProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("0 30 3 * * *") @NotBlank String cron, URI keycloakUrl,
		@DefaultValue("authstack") @NotBlank String realm, @DefaultValue("authstack-worker") @NotBlank String clientId,
		String clientSecret, @DefaultValue("7d") @NotNull Duration after) {

	public UnverifiedAccountsProperties {
		if (enabled && (keycloakUrl == null || clientSecret == null || clientSecret.isBlank())) {
			throw new IllegalArgumentException("authstack.worker.unverified-accounts.enabled=true needs "
					+ "authstack.worker.unverified-accounts.keycloak-url and .client-secret");
		}
	}

}
