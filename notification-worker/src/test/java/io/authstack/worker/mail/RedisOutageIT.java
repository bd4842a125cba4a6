package io.authstack.worker.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.authstack.contract.EmailMessage;
import io.authstack.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without Redis no email can be claimed, so none is sent: each goes to its retry queue. When Redis is back,
 * the connections the outage killed are replaced and every email is sent, once.
 */
class RedisOutageIT extends WorkerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@AfterEach
	void redisIsBack() {
		REDIS_LINK.restore();
	}

	@Test
	void redisCutOffThenBackDeliversEveryEmailExactlyOnce() {
		int emails = 5;
		double retriedBefore = count("authstack.worker.emails.retried");
		double sentBefore = count("authstack.worker.emails.sent");
		List<String> ids = new ArrayList<>();
		REDIS_LINK.cut();

		for (int i = 0; i < emails; i++) {
			EmailMessage email = resetPassword("redis-outage-" + i + "@example.com");
			ids.add(email.id());
			publish(email);
		}
		await().atMost(WAIT).until(() -> count("authstack.worker.emails.retried") >= retriedBefore + emails);
		assertThat(received()).isEmpty();

		REDIS_LINK.restore();

		assertEachSentOnce(ids, sentBefore);
	}

}
