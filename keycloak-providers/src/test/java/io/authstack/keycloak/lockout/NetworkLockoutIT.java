package io.authstack.keycloak.lockout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.authstack.keycloak.risk.LoginClient;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@value NetworkBruteForceProtectorFactory#PROVIDER_ID} protector in a real Keycloak with the shipped realm
 * (failure factor 5): wrong passwords sent for a victim from other networks lock those networks, and everyone
 * the victim has never signed in from, out, and never the victim's own network, in the direct grant and in the
 * browser login. The tests speak from loopback, which Keycloak trusts as the BFF, so {@code X-Forwarded-For}
 * is the client's address.
 */
class NetworkLockoutIT {

	private static final String PASSWORD = "correct horse battery staple";

	private static final String HOME = "10.1.2.20";

	private static final String HOME_OTHER_DEVICE = "10.1.2.77";

	private static KeycloakApi api;

	private static LoginClient client;

	private String username;

	private String userId;

	@BeforeAll
	static void keycloak() {
		api = new KeycloakApi(TestKeycloak.get());
		client = new LoginClient(TestKeycloak.get().baseUrl());
	}

	@BeforeEach
	void aVictimWhoHasSignedInFromHome(TestInfo test) {
		this.username = "v" + Integer.toHexString(test.getDisplayName().hashCode()) + System.nanoTime() % 100_000;
		this.userId = api.createUser(LoginClient.REALM, this.username, this.username + "@example.test", PASSWORD);
		assertThat(grantFrom(HOME, PASSWORD).statusCode()).isEqualTo(200);
		// The device-risk check learns the device, and its network, from the successful login.
		await().atMost(Duration.ofSeconds(10)).until(() -> knownDevices().size() == 1);
	}

	@Test
	void providerIsKeycloaksOnlyBruteForceProtector() {
		JsonNode providers = api.adminGet("/admin/serverinfo").path("providers").path("bruteForceProtector");

		assertThat(providers.path("providers").propertyNames())
			.containsExactly(NetworkBruteForceProtectorFactory.PROVIDER_ID);
	}

	@Test
	void wrongPasswordsFromOneNetworkLockThatNetworkOutAndNotTheVictimAtHome() {
		for (int attempt = 0; attempt < 6; attempt++) {
			assertThat(grantFrom("172.16.5." + (10 + attempt), "wrong password " + attempt).statusCode())
				.isEqualTo(400);
		}
		awaitUserWideLockout();

		// The attacker's /24 is refused even with the right password, as is a network the victim never used.
		assertThat(grantFrom("172.16.5.99", PASSWORD).statusCode()).isEqualTo(400);
		assertThat(grantFrom("192.168.9.44", PASSWORD).statusCode()).isEqualTo(400);
		// The victim, from home, on another device of the same network too.
		assertThat(grantFrom(HOME, PASSWORD).statusCode()).isEqualTo(200);
		assertThat(grantFrom(HOME_OTHER_DEVICE, PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void wrongPasswordsSpreadOverManyNetworksLockOutEveryUnknownNetworkAndNotTheVictimsBrowserAtHome() {
		for (int network = 0; network < 6; network++) {
			assertThat(grantFrom("172.16." + (120 + network) + ".7", "wrong password " + network).statusCode())
				.isEqualTo(400);
		}
		awaitUserWideLockout();

		assertThat(grantFrom("192.168.9.45", PASSWORD).statusCode()).isEqualTo(400);
		HttpResponse<String> elsewhere = client.browser(forwardedFrom("192.168.9.46"))
			.logIn(this.username, PASSWORD);
		assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
		HttpResponse<String> atHome = client.browser(forwardedFrom(HOME_OTHER_DEVICE))
			.logIn(this.username, PASSWORD);
		assertThat(atHome.statusCode()).isEqualTo(302);
		assertThat(atHome.headers().firstValue("Location").orElseThrow()).startsWith(LoginClient.REDIRECT_URI)
			.contains("code=");
		// As with Keycloak's own protector, the owner's login clears the user-wide count.
		assertThat(grantFrom("192.168.9.47", PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void theVictimsOwnWrongPasswordsLockTheirNetworkOutToo() {
		for (int attempt = 0; attempt < 6; attempt++) {
			assertThat(grantFrom(HOME, "wrong password " + attempt).statusCode()).isEqualTo(400);
		}

		// A known network is no free pass for guesses sent from it.
		assertThat(grantFrom(HOME_OTHER_DEVICE, PASSWORD).statusCode()).isEqualTo(400);
	}

	private void awaitUserWideLockout() {
		// Keycloak counts the user-wide failures off the request thread.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> api.adminGet(realmPath("/attack-detection/brute-force/users/" + this.userId))
				.path("disabled")
				.asBoolean());
	}

	private HttpResponse<String> grantFrom(String address, String password) {
		return client.passwordGrant(this.username, password, forwardedFrom(address));
	}

	/**
	 * As the BFF forwards a request: the browser's address. Private addresses, which the realm lets speak plain
	 * HTTP ({@code sslRequired: external}), so the browser can follow Keycloak's own links.
	 */
	private static Map<String, String> forwardedFrom(String address) {
		return Map.of("X-Forwarded-For", address, "User-Agent", "NetworkLockoutIT");
	}

	private JsonNode knownDevices() {
		return api.adminGet(realmPath("/users/" + this.userId)).path("attributes").path("authstack_known_devices");
	}

	private static String realmPath(String path) {
		return "/admin/realms/" + LoginClient.REALM + path;
	}

}
