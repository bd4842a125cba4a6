package io.authstack.bff.it;

import java.time.Duration;
import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's budget of wrong passwords is per network and spent by failures only, in the BFF and in Keycloak
 * behind it: an attacker sending wrong passwords for a victim from elsewhere gets {@code 429 rate_limited}, and
 * the victim logs in from home all the same. Addresses reach the BFF as its trusted proxy (loopback) forwards
 * them, private ones, which the realm lets Keycloak see over plain HTTP.
 */
class LoginFailuresIT extends BffIntegrationTest {

	@Test
	void wrongPasswordsFromAnotherNetworkRateLimitThatNetworkAndNeverTheVictimAtHome() {
		User victim = newUser();
		assertThat(loginFrom("10.61.0.20", victim, PASSWORD).status()).isEqualTo(200);
		awaitKnownNetwork(victim);

		for (int attempt = 0; attempt < RateLimitIT.USERNAME_CAPACITY; attempt++) {
			assertThat(loginFrom("10.62.0." + (10 + attempt), victim, "wrong password " + attempt).code())
				.isEqualTo("invalid_credentials");
		}
		for (int attempt = 0; attempt < 2 * RateLimitIT.USERNAME_CAPACITY; attempt++) {
			Browser.Response limited = loginFrom("10.62.0.99", victim, "wrong password again " + attempt);
			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.code()).isEqualTo("rate_limited");
		}
		assertThat(loginFrom("10.62.0.100", victim, PASSWORD).code()).as("the attacker's network, right password")
			.isEqualTo("rate_limited");

		// The victim from home, on another device of the home network too, and the attacker's guesses count for
		// nothing there: at the BFF, and at Keycloak, whose user-wide lockout they set off.
		assertThat(loginFrom("10.61.0.20", victim, PASSWORD).status()).isEqualTo(200);
		assertThat(loginFrom("10.61.0.21", victim, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void successfulLoginsSpendNoneOfTheBudgetAndWrongPasswordsStillDo() {
		User user = newUser();
		for (int login = 0; login < 2 * RateLimitIT.USERNAME_CAPACITY; login++) {
			assertThat(loginFrom("10.63.0.20", user, PASSWORD).status()).isEqualTo(200);
		}

		for (int attempt = 0; attempt < RateLimitIT.USERNAME_CAPACITY; attempt++) {
			assertThat(loginFrom("10.63.0.20", user, "wrong password " + attempt).code())
				.isEqualTo("invalid_credentials");
		}
		assertThat(loginFrom("10.63.0.20", user, PASSWORD).code()).isEqualTo("rate_limited");
	}

	@Test
	void addressesOfOneIpv4Slash24ShareTheBudgetAndTheNextSlash24HasItsOwn() {
		User user = newUser();
		for (int attempt = 0; attempt < RateLimitIT.USERNAME_CAPACITY; attempt++) {
			loginFrom("10.64.0." + (10 + attempt), user, "wrong password " + attempt);
		}

		assertThat(loginFrom("10.64.0.250", user, "wrong password").code()).isEqualTo("rate_limited");
		assertThat(loginFrom("10.64.1.250", user, "wrong password").code()).isEqualTo("invalid_credentials");
	}

	private static Browser.Response loginFrom(String address, User user, String password) {
		return browser().send("/api/auth/login", "POST", Map.of("username", user.username(), "password", password),
				Map.of("Origin", ORIGIN, "X-CSRF", "1", "X-Forwarded-For", address));
	}

	/** Keycloak's device-risk check learns the device and its network once the login succeeded. */
	private static void awaitKnownNetwork(User user) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> KEYCLOAK_API.adminGet("/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + user.id())
				.path("attributes")
				.path("authstack_known_devices")
				.size() == 1);
	}

}
