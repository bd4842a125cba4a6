package io.authstack.realm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.FreePorts;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.LocalService;
import io.authstack.testkit.PostgresDatabase;
import io.authstack.testkit.RealmUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./authstack update-realm}'s path on a real Keycloak and PostgreSQL: a changed realm file reaches a
 * realm that holds users already. Its own Keycloak install and database, since it stops and restarts the server.
 */
class RealmUpdateIT {

	private static final String REALM = AuthstackKeycloak.REALM;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BFF_CLIENT = "authstack-bff";

	/** Not the file's default: the update must resolve the placeholders from the same environment as the start. */
	private static final String BFF_SECRET = "realm-update-it-bff-secret";

	/**
	 * A self-chosen address that looks like a placeholder naming a variable of Keycloak's environment (Keycloak
	 * lowercases addresses, hence the variable's name): the import must keep it, not resolve it.
	 */
	private static final String EMAIL = "${grace_secret}.grace@example.test";

	private static final Map<String, String> REALM_ENVIRONMENT = Map.of("AUTHSTACK_BFF_CLIENT_SECRET", BFF_SECRET,
			"grace_secret", "resolved-from-the-environment");

	private static final String PASSWORD = "grace hopper's long password";

	private final AuthstackKeycloak keycloak = AuthstackKeycloak.ofThisCheckout();

	private final Path installDir = this.keycloak.root().resolve("target/keycloak-realm-update");

	private final PostgresDatabase database = new PostgresDatabase(
			"authstack_it_update_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis());

	private final int httpPort = FreePorts.next();

	private final int managementPort = FreePorts.next();

	private KeycloakServer server;

	@TempDir
	Path tmp;

	@AfterEach
	void stopKeycloakAndDropItsDatabase() {
		if (this.server != null) {
			this.server.close();
		}
		this.database.drop();
	}

	@Test
	void changedSettingIsLiveAndTheUserKeepsPasswordAttributesSessionAndLoginEvents() throws IOException {
		this.database.createIfAbsent();
		KeycloakApi api = new KeycloakApi(startKeycloak());
		String id = api.createUser(REALM, "grace", EMAIL, PASSWORD);
		JsonNode before = login(api, PASSWORD);
		assertIssuedWithLifespan(before, 300);
		List<JsonNode> loginEvents = loginEvents(api, id);
		assertThat(loginEvents).isNotEmpty();
		JsonNode knownDevices = user(api, id).get("attributes").get("authstack_known_devices");
		assertThat(knownDevices).as("written by the device-risk authenticator at login").isNotEmpty();
		Path changedRealm = writeChangedRealmFile("\"accessTokenLifespan\": 300,", "\"accessTokenLifespan\": 240,");

		this.server.close();
		Path backup = new RealmUpdate(this.keycloak, this.installDir, this.database, LocalService.RABBITMQ.port(),
				REALM_ENVIRONMENT, System.out)
			.apply(changedRealm, this.tmp.resolve("backups"));
		api = new KeycloakApi(startKeycloak());

		JsonNode grace = user(api, id);
		assertThat(grace.get("email").asString()).isEqualTo(EMAIL);
		assertThat(grace.get("attributes").get("authstack_known_devices")).isEqualTo(knownDevices);
		assertThat(loginEvents(api, id)).containsExactlyElementsOf(loginEvents);
		KeycloakApi.Answer refreshed = api.token(REALM, Map.of("grant_type", "refresh_token", "client_id", BFF_CLIENT,
				"client_secret", BFF_SECRET, "refresh_token", before.get("refresh_token").asString()));
		assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
		assertIssuedWithLifespan(refreshed.body(), 240);
		assertIssuedWithLifespan(login(api, PASSWORD), 240);
		JsonNode export = JSON.readTree(backup.resolve("realm-export.json").toFile());
		assertThat(export.get("users").findValuesAsString("username")).contains("grace");
		assertThat(export.get("accessTokenLifespan").asInt()).isEqualTo(300);
	}

	private KeycloakServer startKeycloak() {
		this.server = this.keycloak.start(this.installDir, this.database, this.httpPort, this.managementPort,
				LocalService.RABBITMQ.require().port(), REALM_ENVIRONMENT, Path.of("target/keycloak-realm-update.log"),
				false);
		return this.server;
	}

	private static JsonNode login(KeycloakApi api, String password) {
		return api.passwordGrant(REALM, BFF_CLIENT, BFF_SECRET, "grace", password);
	}

	/**
	 * The access token was issued for the realm's access token lifespan in seconds. Keycloak 26's
	 * {@code TokenManager} reads the clock twice: {@code iat} is the current second, then {@code exp} the current
	 * millisecond plus the lifespan, cut to the second. When a second ends between the two reads, {@code exp - iat}
	 * is the lifespan plus one (measured: 241 for 240), never less than the lifespan. The response's
	 * {@code expires_in} is no exact measure either: {@code exp} minus a third read, so one less at times. One
	 * second of slack keeps the 300 s and 240 s lifespans apart.
	 */
	private static void assertIssuedWithLifespan(JsonNode tokens, long lifespan) {
		String payload = tokens.get("access_token").asString().split("\\.")[1];
		JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
		long issuedFor = claims.get("exp").asLong() - claims.get("iat").asLong();
		assertThat(issuedFor).as("exp - iat of the access token").isBetween(lifespan, lifespan + 1);
	}

	private static JsonNode user(KeycloakApi api, String id) {
		return api.adminGet("/admin/realms/" + REALM + "/users/" + id);
	}

	private static List<JsonNode> loginEvents(KeycloakApi api, String userId) {
		return api.adminGet("/admin/realms/" + REALM + "/events?type=LOGIN&user=" + userId).valueStream().toList();
	}

	/** The shipped realm file with one setting changed, its placeholders untouched. */
	private Path writeChangedRealmFile(String setting, String changed) throws IOException {
		String shipped = Files.readString(this.keycloak.realmDir().resolve(REALM + "-realm.json"));
		assertThat(shipped).contains(setting);
		return Files.writeString(this.tmp.resolve(REALM + "-realm.json"), shipped.replace(setting, changed));
	}

}
