package io.authstack.worker.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.authstack.contract.AmqpNames;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.SmtpSink;
import io.authstack.testkit.TestKeycloak;
import io.authstack.worker.WorkerApplication;
import io.authstack.worker.topology.EmailTopologyProperties;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole email path, end to end: Keycloak renders an email with our theme, our AMQP email sender
 * publishes it to the real {@code authstack.notifications} exchange, the worker consumes it and an SMTP
 * server receives it once.
 */
class KeycloakEmailPipelineIT {

	private static final String RUN = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final SmtpSink smtp = SmtpSink.start();

	private static ConfigurableApplicationContext worker;

	private static KeycloakApi keycloak;

	@BeforeAll
	static void startKeycloakAndWorker() {
		keycloak = new KeycloakApi(TestKeycloak.get());
		// The real exchange Keycloak publishes to; a queue of this run's own, deleted afterwards.
		worker = new SpringApplicationBuilder(WorkerApplication.class).web(WebApplicationType.NONE)
			.profiles("dev")
			.run("--spring.mail.host=" + smtp.host(), "--spring.mail.port=" + smtp.port(),
					"--authstack.worker.topology.exchange=" + AmqpNames.NOTIFICATIONS_EXCHANGE,
					"--authstack.worker.topology.queue=authstack.email." + RUN,
					"--authstack.worker.topology.parking-queue=authstack.email." + RUN + ".parked",
					"--authstack.worker.topology.retry-delays=300ms",
					"--authstack.worker.jobs.lock-namespace=" + RUN);
	}

	@AfterAll
	static void stopWorker() {
		worker.getBean(SimpleMessageListenerContainer.class).stop();
		EmailTopologyProperties topology = worker.getBean(EmailTopologyProperties.class);
		AmqpAdmin amqpAdmin = worker.getBean(AmqpAdmin.class);
		amqpAdmin.deleteQueue(topology.queue());
		amqpAdmin.deleteQueue(topology.parkingQueue());
		amqpAdmin.deleteQueue(topology.retryQueue(0));
		worker.close();
		smtp.close();
	}

	@Test
	void verifyEmailActionFromKeycloakArrivesOnceWithItsLink() throws Exception {
		String userId = keycloak.createUser(AuthstackKeycloak.REALM, "olivia", "olivia@example.test",
				"a long enough password");

		int status = keycloak.adminPutStatus(executeActionsEmail(userId), List.of("VERIFY_EMAIL"));

		assertThat(status).isEqualTo(204);
		MimeMessage email = awaitOneEmailTo("olivia@example.test");
		// Keycloak's "execute actions" email, rendered by Keycloak in the realm's theme.
		assertThat(email.getSubject()).isEqualTo("Update Your Account");
		assertThat(GreenMailUtil.getBody(email)).contains("/realms/authstack/login-actions/action-token?key=");
	}

	@Test
	void passwordResetFromKeycloakArrivesOnceWithItsLink() throws Exception {
		String userId = keycloak.createUser(AuthstackKeycloak.REALM, "peggy", "peggy@example.test",
				"a long enough password");

		int status = keycloak.adminPutStatus(executeActionsEmail(userId), List.of("UPDATE_PASSWORD"));

		assertThat(status).isEqualTo(204);
		MimeMessage email = awaitOneEmailTo("peggy@example.test");
		assertThat(GreenMailUtil.getBody(email)).contains("/realms/authstack/login-actions/action-token?key=");
	}

	private static MimeMessage awaitOneEmailTo(String address) {
		await().atMost(WAIT).until(() -> emailsTo(address).size() == 1);
		// A second copy would have arrived by now if the pipeline duplicated anything.
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> emailsTo(address).size() == 1);
		return emailsTo(address).get(0);
	}

	private static List<MimeMessage> emailsTo(String address) {
		return List.of(smtp.receivedMessages())
			.stream()
			.filter((message) -> GreenMailUtil.getAddressList(recipients(message)).contains(address))
			.toList();
	}

	private static jakarta.mail.Address[] recipients(MimeMessage message) {
		try {
			return message.getAllRecipients();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String executeActionsEmail(String userId) {
		return "/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + userId + "/execute-actions-email";
	}

}
