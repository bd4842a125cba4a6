package io.authstack.keycloak.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.rabbitmq.client.Delivery;
import io.authstack.contract.AmqpNames;
import io.authstack.testkit.AmqpInbox;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The realm's {@code amqp} event listener: logins and admin changes go to {@code authstack.events} as
 * {@code <realm>.<type>}, and a broker outage never costs a login.
 */
class AmqpEventListenerIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BFF = "authstack-bff";

	private static final String BFF_SECRET = "dev-only-bff-client-secret-change-me";

	private static final String PASSWORD = "a long enough password";

	private static KeycloakApi api;

	private AmqpInbox events;

	@BeforeAll
	static void startKeycloak() {
		api = new KeycloakApi(TestKeycloak.get());
	}

	@BeforeEach
	void bindInbox() {
		this.events = AmqpInbox.bind(AmqpNames.EVENTS_EXCHANGE, "authstack.#");
	}

	@AfterEach
	void closeInbox() {
		TestKeycloak.rabbitMqLink().restore();
		this.events.close();
	}

	@Test
	void loginIsPublishedAsAuthstackLogin() {
		String userId = api.createUser(AuthstackKeycloak.REALM, "ivan", "ivan@example.test", PASSWORD);

		api.passwordGrant(AuthstackKeycloak.REALM, BFF, BFF_SECRET, "ivan", PASSWORD);

		JsonNode login = nextOfType("LOGIN", userId);
		assertThat(login.get("userId").asString()).isEqualTo(userId);
		assertThat(login.get("clientId").asString()).isEqualTo(BFF);
		assertThat(login.get("admin").asBoolean()).isFalse();
	}

	@Test
	void failedLoginIsPublishedWithItsError() {
		String userId = api.createUser(AuthstackKeycloak.REALM, "judy", "judy@example.test", PASSWORD);

		assertThatIllegalStateException()
			.isThrownBy(() -> api.passwordGrant(AuthstackKeycloak.REALM, BFF, BFF_SECRET, "judy", "wrong password"));

		assertThat(nextOfType("LOGIN_ERROR", userId).get("error").asString()).isEqualTo("invalid_user_credentials");
	}

	@Test
	void adminChangeIsPublishedWithoutItsRepresentation() {
		String userId = api.createUser(AuthstackKeycloak.REALM, "mallory", "mallory@example.test", PASSWORD);

		JsonNode created = nextOfType("ADMIN_CREATE", userId);

		assertThat(created.get("resourcePath").asString()).isEqualTo("users/" + userId);
		assertThat(created.get("details").get("resourceType").asString()).isEqualTo("USER");
		assertThat(created.toString()).doesNotContain(PASSWORD);
	}

	@Test
	void loginSucceedsWhileTheBrokerIsUnreachableAndItsEventFollowsLater() {
		String userId = api.createUser(AuthstackKeycloak.REALM, "niaj", "niaj@example.test", PASSWORD);
		nextOfType("ADMIN_CREATE", userId);
		TestKeycloak.rabbitMqLink().cut();

		JsonNode tokens = api.passwordGrant(AuthstackKeycloak.REALM, BFF, BFF_SECRET, "niaj", PASSWORD);

		assertThat(tokens.get("access_token").asString()).isNotBlank();
		assertThat(this.events.takeAll())
			.noneMatch((delivery) -> new String(delivery.getBody(), StandardCharsets.UTF_8).contains(userId));
		TestKeycloak.rabbitMqLink().restore();
		assertThat(nextOfType("LOGIN", userId).get("userId").asString()).isEqualTo(userId);
	}

	/**
	 * The next event of that type about that user; others are skipped: admin events of the set-up, and the events
	 * of other test runs, whose Keycloaks publish to the same exchange of the same broker.
	 */
	private JsonNode nextOfType(String type, String userId) {
		while (true) {
			Delivery delivery = this.events.next(Duration.ofSeconds(30));
			String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
			JsonNode event = JSON.readTree(body);
			if (event.get("type").asString().equals(type) && body.contains(userId)) {
				assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo("authstack." + type);
				return event;
			}
		}
	}

}
