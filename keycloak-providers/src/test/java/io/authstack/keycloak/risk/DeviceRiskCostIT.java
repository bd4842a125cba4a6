package io.authstack.keycloak.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the check adds to a login: direct-grant logins from known devices with the {@code device-risk}
 * execution on, then off. The numbers go to {@code target/device-risk-cost.txt} and the test report; the
 * bound only catches an order-of-magnitude regression on a busy shared machine.
 * <p>
 * Each round signs in every user once, so one user's logins are seconds apart: back-to-back logins of a
 * single user within a second can trip the realm's brute-force quick-login check.
 */
class DeviceRiskCostIT {

	private static final int LOGINS = 50;

	private static final int ROUNDS = 2;

	private static final String PASSWORD = "correct horse battery staple";

	private static KeycloakApi api;

	private static DeviceRiskAdmin admin;

	private static LoginClient client;

	@BeforeAll
	static void startKeycloak() {
		api = new KeycloakApi(TestKeycloak.get());
		admin = new DeviceRiskAdmin(api);
		client = new LoginClient(TestKeycloak.get().baseUrl());
	}

	@Test
	void checkAddsLittleToADirectGrantLogin(TestReporter report) throws IOException {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of());
		List<String> users = new ArrayList<>();
		for (int i = 0; i < LOGINS; i++) {
			String username = "cost" + i + "x" + System.nanoTime() % 100_000;
			api.createUser(LoginClient.REALM, username, username + "@example.test", PASSWORD);
			users.add(username);
		}
		round(users);

		// Alternating rounds, so that warming up and the neighbours' load spread over both sides.
		Duration with = Duration.ZERO;
		Duration without = Duration.ZERO;
		for (int i = 0; i < ROUNDS; i++) {
			with = with.plus(round(users));
			admin.requirement(DeviceRiskAdmin.DIRECT_GRANT_FLOW, "DISABLED");
			try {
				without = without.plus(round(users));
			}
			finally {
				admin.requirement(DeviceRiskAdmin.DIRECT_GRANT_FLOW, "REQUIRED");
			}
		}

		double withMs = with.toNanos() / 1e6 / (LOGINS * ROUNDS);
		double withoutMs = without.toNanos() / 1e6 / (LOGINS * ROUNDS);
		String result = String.format("direct-grant login from a known device, mean of %d: with device-risk %.1f ms, "
				+ "without %.1f ms, difference %.1f ms%n", LOGINS * ROUNDS, withMs, withoutMs, withMs - withoutMs);
		Files.writeString(Path.of("target/device-risk-cost.txt"), result);
		report.publishEntry("device-risk cost", result);
		assertThat(withMs - withoutMs).isLessThan(100.0);
	}

	/** One direct-grant login per user, from the device each already used. */
	private static Duration round(List<String> users) {
		long start = System.nanoTime();
		for (String username : users) {
			assertThat(client
				.passwordGrant(username, PASSWORD, Map.of("User-Agent", DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX))
				.statusCode()).isEqualTo(200);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
