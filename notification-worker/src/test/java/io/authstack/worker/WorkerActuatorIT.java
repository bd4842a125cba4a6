package io.authstack.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.authstack.contract.EmailMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class WorkerActuatorIT extends WorkerIntegrationTest {

	private static final String PARKED_EMAILS = "/actuator/parkedemails";

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final String READINESS = "/actuator/health/readiness";

	@LocalServerPort
	private int applicationPort;

	@Test
	void healthCoversRabbitMqRedisAndSmtp() {
		HttpResponse<String> health = actuator().get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode components = this.json.readTree(health.body()).get("components");
		assertThat(components.get("rabbit").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("mail").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void readinessCoversRabbitMqAndRedisButNotSmtp() {
		HttpResponse<String> readiness = actuator().get(READINESS);

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(componentNames(readiness)).containsExactlyInAnyOrder("readinessState", "rabbit", "redis");
	}

	@Test
	void livenessDependsOnNoOtherService() {
		HttpResponse<String> liveness = actuator().get(LIVENESS);

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(componentNames(liveness)).containsExactly("livenessState");
	}

	@Test
	void healthIsDownWhileSmtpIsDownButBothProbesStayUp() {
		smtp.greenMail().stop();
		try {
			HttpResponse<String> health = actuator().get("/actuator/health");

			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(this.json.readTree(health.body()).get("components").get("mail").get("status").asString())
				.isEqualTo("DOWN");
			// An SMTP outage is retried from the queues: neither take the worker out nor restart it.
			assertThat(actuator().get(READINESS).statusCode()).isEqualTo(200);
			assertThat(actuator().get(LIVENESS).statusCode()).isEqualTo(200);
		}
		finally {
			smtp.greenMail().start();
		}
	}

	@Test
	void readinessIsDownWhileRedisIsCutOffButLivenessStaysUp() {
		REDIS_LINK.cut();
		try {
			HttpResponse<String> readiness = actuator().get(READINESS);

			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(this.json.readTree(readiness.body()).get("components").get("redis").get("status").asString())
				.isEqualTo("DOWN");
			assertThat(actuator().get(LIVENESS).statusCode()).isEqualTo(200);
		}
		finally {
			REDIS_LINK.restore();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> actuator().get(READINESS).statusCode() == 200);
	}

	@Test
	void prometheusExportsTheEmailCountersAndQueueDepths() {
		EmailMessage email = resetPassword("metrics@example.com");
		publish(email);
		await().atMost(Duration.ofSeconds(20)).until(() -> receivedWithId(email.id()).size() == 1);

		String metrics = actuator().asOperator("GET", "/actuator/prometheus", null).body();

		assertThat(metrics).containsPattern("authstack_worker_emails_sent_total(\\{[^}]*\\})? [1-9]")
			.contains("authstack_worker_emails_retried_total")
			.contains("authstack_worker_emails_duplicates_dropped_total")
			.containsPattern("authstack_worker_emails_parked_total\\{[^}]*reason=\"expired\"");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> actuator().asOperator("GET", "/actuator/prometheus", null).body()
				.contains("authstack_worker_queue_depth{queue=\"" + PARKING_QUEUE + "\"}"));
	}

	@Test
	void parkedEmailsAnswerOnlyTheOperator() {
		HttpResponse<String> anonymous = actuator().get(PARKED_EMAILS);
		HttpResponse<String> wrongPassword = actuator().send("GET", PARKED_EMAILS, null,
				ActuatorClient.basic("operator", "not-the-operators-password"));
		HttpResponse<String> anonymousRedrive = actuator().send("POST", PARKED_EMAILS, "{\"max\": 1}", null);
		HttpResponse<String> operator = actuator().asOperator("GET", PARKED_EMAILS, null);

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(anonymous.body()).doesNotContain("\"parked\":");
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(anonymousRedrive.statusCode()).isEqualTo(401);
		assertThat(operator.statusCode()).isEqualTo(200);
		assertThat(operator.body()).isEqualTo("{\"parked\":0}");
	}

	@Test
	void actuatorIsNotServedOnTheApplicationPort() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : new String[] { "/actuator/health", PARKED_EMAILS }) {
			HttpResponse<String> answer = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.applicationPort + path)).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).as(path + " on the application port").isEqualTo(404);
		}
	}

	@Test
	void managementPortAnswersOnLoopbackOnly() {
		Optional<InetAddress> external = nonLoopbackAddress();
		assumeThat(external).as("an address of this machine other than loopback").isPresent();

		// The application port listens on every address in the dev profile: this address reaches this machine.
		assertThat(connects(external.get(), this.applicationPort)).as("application port on " + external.get())
			.isTrue();
		assertThat(connects(external.get(), actuator().port())).as("management port on " + external.get()).isFalse();
		assertThat(connects(InetAddress.getLoopbackAddress(), actuator().port())).as("management port on loopback")
			.isTrue();
	}

	private List<String> componentNames(HttpResponse<String> health) {
		return List.copyOf(this.json.readTree(health.body()).get("components").propertyNames());
	}

	private static boolean connects(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 1_000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(WorkerActuatorIT::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
				.findFirst();
		}
		catch (SocketException ex) {
			return Optional.empty();
		}
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp() && !network.isLoopback();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
