package io.authstack.keycloak.risk;

import java.util.Map;

import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakOutbox;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every device-risk IT has: the JVM's Keycloak with events on, the admin's and the clients' view of it,
 * and the emails Keycloak publishes. After each class the realm's device-risk settings are the shipped ones.
 */
abstract class DeviceRiskIntegrationTest {

	static final String PASSWORD = "correct horse battery staple";

	static KeycloakApi api;

	static DeviceRiskAdmin admin;

	static LoginClient client;

	static KeycloakOutbox outbox;

	@BeforeAll
	static void startKeycloakAndMailbox() {
		api = new KeycloakApi(TestKeycloak.get());
		admin = new DeviceRiskAdmin(api);
		client = new LoginClient(TestKeycloak.get().baseUrl());
		outbox = KeycloakOutbox.open();
		api.adminPut("/admin/realms/" + LoginClient.REALM, Map.of("eventsEnabled", true));
	}

	@AfterAll
	static void restoreRealmDefaultsAndCloseMailbox() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of());
		admin.configure(DeviceRiskAdmin.BROWSER_FLOW, Map.of());
		admin.configure(DeviceRiskAdmin.FIRST_PARTY_FLOW, Map.of());
		outbox.close();
	}

}
