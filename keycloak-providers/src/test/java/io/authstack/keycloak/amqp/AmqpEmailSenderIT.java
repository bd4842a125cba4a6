package io.authstack.keycloak.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import static org.awaitility.Awaitility.await;

/**
 * Keycloak, built with {@code --spi-email-sender--provider=amqp}, hands the emails it renders to
 * RabbitMQ: persistent, confirmed, in the contract's format; and says so when the broker is away.
 */
class AmqpEmailSenderIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static KeycloakApi api;

	private AmqpInbox emails;

	@BeforeAll
	static void startKeycloak() {
		api = new KeycloakApi(TestKeycloak.get());
	}

	@BeforeEach
	void bindInbox() {
		this.emails = AmqpInbox.bind(AmqpNames.NOTIFICATIONS_EXCHANGE, "email.#");
	}

	@AfterEach
	void closeInbox() {
		TestKeycloak.rabbitMqLink().restore();
		this.emails.close();
	}

	@Test
	void verificationEmailIsPublishedPersistentInTheContractFormat() {
		String userId = api.createUser(AuthstackKeycloak.REALM, "grace", "grace@example.test", "a long enough password");

		int status = api.adminPutStatus(executeActionsEmail(userId), List.of("VERIFY_EMAIL"));

		assertThat(status).isEqualTo(204);
		Delivery delivery = nextTo("grace@example.test");
		assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo("email.keycloak");
		assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);
		JsonNode email = JSON.readTree(new String(delivery.getBody(), StandardCharsets.UTF_8));
		assertThat(delivery.getProperties().getMessageId()).isEqualTo(email.get("id").asString());
		assertThat(email.get("recipient").asString()).isEqualTo("grace@example.test");
		assertThat(email.get("realm").asString()).isEqualTo(AuthstackKeycloak.REALM);
		assertThat(email.get("html").asString()).contains("/realms/authstack/login-actions/action-token?key=");
		assertThat(Instant.parse(email.get("expiresAt").asString())).isAfter(Instant.parse(email.get("createdAt").asString()));
	}

	@Test
	void emailIsRefusedWithAnErrorWhileTheBrokerIsUnreachableAndSentOnceItIsBack() {
		String userId = api.createUser(AuthstackKeycloak.REALM, "heidi", "heidi@example.test", "a long enough password");
		TestKeycloak.rabbitMqLink().cut();

		int whileCut = api.adminPutStatus(executeActionsEmail(userId), List.of("UPDATE_PASSWORD"));

		assertThat(whileCut).isEqualTo(500);
		assertThat(this.emails.takeAll()).noneMatch((delivery) -> body(delivery).contains("heidi@example.test"));
		TestKeycloak.rabbitMqLink().restore();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.adminPutStatus(executeActionsEmail(userId), List.of("UPDATE_PASSWORD")) == 204);
		assertThat(nextTo("heidi@example.test").getEnvelope().getRoutingKey()).isEqualTo("email.keycloak");
	}

	/** The next email job to that address; other Keycloaks on this machine may publish too. */
	private Delivery nextTo(String address) {
		while (true) {
			Delivery delivery = this.emails.next(Duration.ofSeconds(10));
			if (body(delivery).contains("\"recipient\":\"" + address + "\"")) {
				return delivery;
			}
		}
	}

	private static String body(Delivery delivery) {
		return new String(delivery.getBody(), StandardCharsets.UTF_8);
	}

	private static String executeActionsEmail(String userId) {
		return "/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + userId + "/execute-actions-email";
	}

}
