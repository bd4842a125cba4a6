package io.authstack.worker;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import io.authstack.testkit.PrometheusScrape;
import io.authstack.worker.mail.ParkReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus sees of one sent and one expired email: each counter moves by exactly what happened, the SMTP
 * and queue-lag timers count each step, and no address of the emails appears in the scrape.
 */
class WorkerMetricsIT extends WorkerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SENT = "authstack_worker_emails_sent_total";

	private static final String RETRIED = "authstack_worker_emails_retried_total";

	private static final String DUPLICATES_DROPPED = "authstack_worker_emails_duplicates_dropped_total";

	private static final String SMTP_ACCEPTED = "authstack_worker_smtp_send_seconds_count{outcome=\"accepted\"}";

	private static final String SMTP_TEMPORARY_FAILURE =
			"authstack_worker_smtp_send_seconds_count{outcome=\"temporary-failure\"}";

	private static final String SMTP_PERMANENT_FAILURE =
			"authstack_worker_smtp_send_seconds_count{outcome=\"permanent-failure\"}";

	private static final String LAG_FIRST = "authstack_worker_queue_lag_seconds_count{delivery=\"first\"}";

	private static final String LAG_RETRY = "authstack_worker_queue_lag_seconds_count{delivery=\"retry\"}";

	@Test
	void scrapeCountsOneSentAndOneExpiredEmailExactlyAndNamesNoAddress() {
		String sentTo = "metrics-sent-" + RUN + "@example.com";
		String expiredTo = "metrics-expired-" + RUN + "@example.com";
		EmailMessage sent = resetPassword(sentTo);
		EmailMessage expired = expiredResetPassword(expiredTo);
		PrometheusScrape before = scrape();

		publish(sent);
		publish(expired);

		await().atMost(WAIT).until(() -> receivedWithId(sent.id()).size() == 1);
		PrometheusScrape after = await().atMost(WAIT)
			.until(this::scrape, (scrape) -> scrape.delta(before, SENT) >= 1
					&& scrape.delta(before, parked(ParkReason.EXPIRED)) >= 1 && scrape.delta(before, LAG_FIRST) >= 2);
		assertThat(after.delta(before, SENT)).as(SENT).isEqualTo(1);
		for (ParkReason reason : ParkReason.values()) {
			assertThat(after.delta(before, parked(reason))).as(parked(reason))
				.isEqualTo((reason == ParkReason.EXPIRED) ? 1 : 0);
		}
		assertThat(after.delta(before, RETRIED)).as(RETRIED).isZero();
		assertThat(after.delta(before, DUPLICATES_DROPPED)).as(DUPLICATES_DROPPED).isZero();
		// The expired email never reaches the SMTP server; both were taken from the queue once, for a first try.
		assertThat(after.delta(before, SMTP_ACCEPTED)).as(SMTP_ACCEPTED).isEqualTo(1);
		assertThat(after.delta(before, SMTP_TEMPORARY_FAILURE)).as(SMTP_TEMPORARY_FAILURE).isZero();
		assertThat(after.delta(before, SMTP_PERMANENT_FAILURE)).as(SMTP_PERMANENT_FAILURE).isZero();
		assertThat(after.delta(before, LAG_FIRST)).as(LAG_FIRST).isEqualTo(2);
		assertThat(after.delta(before, LAG_RETRY)).as(LAG_RETRY).isZero();
		// The expired email was created two hours ago: the lag's sum holds its age.
		assertThat(after.delta(before, "authstack_worker_queue_lag_seconds_sum{delivery=\"first\"}"))
			.isGreaterThanOrEqualTo(Duration.ofHours(2).toSeconds());
		assertThat(after.text()).doesNotContain(sentTo).doesNotContain(expiredTo).doesNotContain("@");
	}

	@Test
	void scrapeAsksForTheOperatorsCredentials() {
		HttpResponse<String> anonymous = actuator().get("/actuator/prometheus");

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("authstack_worker");
	}

	private PrometheusScrape scrape() {
		HttpResponse<String> scrape = actuator().asOperator("GET", "/actuator/prometheus", null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		return PrometheusScrape.of(scrape.body());
	}

	private static String parked(ParkReason reason) {
		return "authstack_worker_emails_parked_total{reason=\"" + reason.headerValue() + "\"}";
	}

	private static EmailMessage expiredResetPassword(String recipient) {
		Instant created = Instant.now().minus(Duration.ofHours(2));
		return EmailMessage.templated(UUID.randomUUID().toString(), EmailTemplate.RESET_PASSWORD, "authstack",
				recipient, "en", Map.of("link", "https://app.example.com/reset-password?token=" + UUID.randomUUID(),
						"expiresInMinutes", 30),
				created, created.plus(Duration.ofMinutes(30)));
	}

}
