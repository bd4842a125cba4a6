package io.authstack.worker.jobs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.TestKeycloak;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The purge against a real Keycloak with the realm of {@code realm-config}, through the service-account
 * client {@code authstack-worker} the realm ships (with its development secret).
 */
class UnverifiedAccountPurgeIT {

	private static final String REALM = AuthstackKeycloak.REALM;

	private static final Duration AFTER = Duration.ofSeconds(3);

	private static KeycloakServer keycloak;

	private static KeycloakApi admin;

	private static final String CLIENT_ID = "authstack-worker";

	private static final String CLIENT_SECRET = "dev-only-worker-client-secret-change-me";

	@BeforeAll
	static void startKeycloak() {
		keycloak = TestKeycloak.get();
		admin = new KeycloakApi(keycloak);
	}

	@Test
	void accountUnverifiedLongerThanConfiguredIsDeletedAndNoOtherIs() {
		String verifiedOld = user("verified", "verified-" + UUID.randomUUID() + "@example.com", true);
		String withoutEmail = user("noemail", null, false);
		String stale = user("stale", "stale-" + UUID.randomUUID() + "@example.com", false);
		Instant staleCreated = Instant.ofEpochMilli(admin.adminGet(userPath(stale)).get("createdTimestamp").asLong());
		await().atMost(AFTER.plusSeconds(10)).until(() -> Instant.now().isAfter(staleCreated.plus(AFTER)));
		String fresh = user("fresh", "fresh-" + UUID.randomUUID() + "@example.com", false);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();

		purge(meters).run();

		assertThat(admin.adminExists(userPath(stale))).isFalse();
		assertThat(admin.adminExists(userPath(fresh))).isTrue();
		assertThat(admin.adminExists(userPath(verifiedOld))).isTrue();
		assertThat(admin.adminExists(userPath(withoutEmail))).isTrue();
		assertThat(admin.adminExists(userPath(serviceAccountUserId()))).isTrue();
		assertThat(meters.counter("authstack.worker.accounts.purged").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void wrongClientSecretFailsTheRunWithoutDeletingAnything() {
		String stale = user("stale", "stale-" + UUID.randomUUID() + "@example.com", false);
		UnverifiedAccountsProperties wrongSecret = new UnverifiedAccountsProperties(true, "* * * * * *",
				URI.create(keycloak.baseUrl()), REALM, CLIENT_ID, "not-the-secret", Duration.ZERO);
		UnverifiedAccountPurge purge = new UnverifiedAccountPurge(
				new KeycloakUsers(RestClient.builder(), wrongSecret), Duration.ZERO, Clock.systemUTC(),
				new SimpleMeterRegistry());

		assertThatThrownBy(purge::run)
			.isInstanceOf(HttpClientErrorException.Unauthorized.class);
		assertThat(admin.adminExists(userPath(stale))).isTrue();
	}

	private static UnverifiedAccountPurge purge(SimpleMeterRegistry meters) {
		UnverifiedAccountsProperties properties = new UnverifiedAccountsProperties(true, "0 30 3 * * *",
				URI.create(keycloak.baseUrl()), REALM, CLIENT_ID, CLIENT_SECRET, AFTER);
		return new UnverifiedAccountPurge(new KeycloakUsers(RestClient.builder(), properties), AFTER,
				Clock.systemUTC(), meters);
	}

	private static String user(String prefix, String email, boolean emailVerified) {
		Map<String, Object> user = new HashMap<>(Map.of("username",
				prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "emailVerified", emailVerified,
				"enabled", true, "firstName", "Test", "lastName", "User"));
		if (email != null) {
			user.put("email", email);
		}
		return admin.adminCreate("/admin/realms/" + REALM + "/users", user);
	}

	private static String userPath(String id) {
		return "/admin/realms/" + REALM + "/users/" + id;
	}

	private static String serviceAccountUserId() {
		return admin.adminGet("/admin/realms/" + REALM + "/clients/" + clientUuid(CLIENT_ID) + "/service-account-user")
			.get("id")
			.asString();
	}

	private static String clientUuid(String clientId) {
		return admin.adminGet("/admin/realms/" + REALM + "/clients?clientId=" + clientId).get(0).get("id").asString();
	}

}
