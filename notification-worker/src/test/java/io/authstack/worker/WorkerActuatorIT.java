package io.authstack.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.authstack.contract.EmailMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkerActuatorIT extends WorkerIntegrationTest {

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void healthCoversRabbitMqRedisAndSmtp() throws Exception {
		HttpResponse<String> health = get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode components = this.json.readTree(health.body()).get("components");
		assertThat(components.get("rabbit").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("mail").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void healthIsDownWhileSmtpIsDown() throws Exception {
		smtp.greenMail().stop();
		try {
			HttpResponse<String> health = get("/actuator/health");

			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(this.json.readTree(health.body()).get("components").get("mail").get("status").asString())
				.isEqualTo("DOWN");
		}
		finally {
			smtp.greenMail().start();
		}
	}

	@Test
	void prometheusExportsTheEmailCountersAndQueueDepths() throws Exception {
		EmailMessage email = resetPassword("metrics@example.com");
		publish(email);
		await().atMost(Duration.ofSeconds(20)).until(() -> receivedWithId(email.id()).size() == 1);

		String metrics = get("/actuator/prometheus").body();

		assertThat(metrics).containsPattern("authstack_worker_emails_sent_total(\\{[^}]*\\})? [1-9]")
			.contains("authstack_worker_emails_retried_total")
			.contains("authstack_worker_emails_duplicates_dropped_total")
			.containsPattern("authstack_worker_emails_parked_total\\{[^}]*reason=\"expired\"");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> get("/actuator/prometheus").body()
				.contains("authstack_worker_queue_depth{queue=\"" + PARKING_QUEUE + "\"}"));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
