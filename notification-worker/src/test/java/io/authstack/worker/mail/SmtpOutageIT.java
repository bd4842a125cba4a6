package io.authstack.worker.mail;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.authstack.contract.EmailMessage;
import io.authstack.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SmtpOutageIT extends WorkerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Test
	void smtpDownForAWhileThenUpDeliversEveryEmailExactlyOnce() {
		int emails = 20;
		double retriedBefore = count("authstack.worker.emails.retried");
		double sentBefore = count("authstack.worker.emails.sent");
		long refusedBefore = smtpSends("temporary-failure");
		long acceptedBefore = smtpSends("accepted");
		List<String> ids = new ArrayList<>();
		smtp.greenMail().stop();
		try {
			for (int i = 0; i < emails; i++) {
				EmailMessage email = resetPassword("outage-" + i + "@example.com");
				ids.add(email.id());
				publish(email);
			}
			// Down long enough for every email to fail about twice.
			await().atMost(WAIT).until(() -> count("authstack.worker.emails.retried") >= retriedBefore + 2 * emails);
			assertThat(received()).isEmpty();
		}
		finally {
			smtp.greenMail().start();
		}

		assertEachSentOnce(ids, sentBefore);
		// Every retry followed one refused connection, timed as a temporary failure; every email one accepted send.
		assertThat(smtpSends("temporary-failure") - refusedBefore)
			.isEqualTo((long) (count("authstack.worker.emails.retried") - retriedBefore));
		assertThat(smtpSends("accepted") - acceptedBefore).isEqualTo(emails);
	}

	@Test
	void emailParkedAfterItsLastRetryIsRedrivenOnRequestAndSentOnce() {
		EmailMessage email = resetPassword("redrive@example.com");
		double exhaustedBefore = count("authstack.worker.emails.parked", "reason", "retries-exhausted");
		smtp.greenMail().stop();
		try {
			publish(email);
			await().atMost(WAIT)
				.until(() -> count("authstack.worker.emails.parked", "reason", "retries-exhausted") == exhaustedBefore
						+ 1);
		}
		finally {
			smtp.greenMail().start();
		}
		assertThat(parkedEmails("GET", null).body()).isEqualTo("{\"parked\":1}");

		HttpResponse<String> redrive = parkedEmails("POST", "{\"max\": 10}");

		assertThat(redrive.statusCode()).isEqualTo(200);
		assertThat(redrive.body()).isEqualTo("{\"redriven\":1}");
		await().atMost(WAIT).until(() -> receivedWithId(email.id()).size() == 1);
		await().atMost(WAIT).until(() -> parkedEmails("GET", null).body().equals("{\"parked\":0}"));
		assertThat(received()).extracting(WorkerIntegrationTest::emailId).containsExactly(email.id());
	}

	private long smtpSends(String outcome) {
		return this.meters.get("authstack.worker.smtp.send").tag("outcome", outcome).timer().count();
	}

	private HttpResponse<String> parkedEmails(String method, String json) {
		return actuator().asOperator(method, "/actuator/parkedemails", json);
	}

}
