package io.authstack.worker.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.authstack.contract.EmailMessage;
import io.authstack.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures, not asserts, how many emails per second one worker (default concurrency) gets through to
 * the SMTP server: the number is logged for the record. What it asserts is that every one arrives once.
 */
class DeliveryThroughputIT extends WorkerIntegrationTest {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryThroughputIT.class);

	private static final int EMAILS = 500;

	@Test
	void fiveHundredTemplateEmailsAllArriveOnceAndTheRateIsLogged() {
		List<EmailMessage> emails = new ArrayList<>();
		for (int i = 0; i < EMAILS; i++) {
			emails.add(resetPassword("throughput-" + i + "@example.com"));
		}
		long started = System.nanoTime();

		emails.forEach(this::publish);

		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
			.until(() -> smtp.receivedMessages().length >= EMAILS);
		double seconds = (System.nanoTime() - started) / 1e9;
		logger.info("Throughput: {} template emails (Thymeleaf HTML + text) delivered to GreenMail in {} s: {} emails/s",
				EMAILS, String.format("%.2f", seconds), String.format("%.0f", EMAILS / seconds));
		assertThat(received()).extracting(WorkerIntegrationTest::emailId)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(emails.stream().map(EmailMessage::id).toList());
	}

}
