package io.authstack.worker.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

	private static final Duration QUIET = Duration.ofSeconds(3);

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

		await().atMost(WAIT).until(() -> received().size() >= emails);
		await().during(QUIET).atMost(QUIET.plus(WAIT)).until(() -> received().size() == emails);
		Map<String, Long> deliveries = received().stream()
			.collect(Collectors.groupingBy(WorkerIntegrationTest::emailId, Collectors.counting()));
		assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(deliveries.values()).allMatch((times) -> times == 1);
		assertThat(count("authstack.worker.emails.sent")).isEqualTo(sentBefore + emails);
		assertThat(nextParked(Duration.ofMillis(200))).isNull();
	}

}
