package io.authstack.keycloak.amqp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.authstack.contract.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buffer between logins and the broker: publishes everything, keeps what the broker refused and
 * tries again, and when full drops new events instead of blocking the login that produced them.
 */
class EventBufferTest {

	private final List<String> published = new CopyOnWriteArrayList<>();

	private EventBuffer buffer;

	@AfterEach
	void close() {
		this.buffer.close();
	}

	@Test
	void offeredEventsArePublishedWithTheirRoutingKey() {
		this.buffer = new EventBuffer(10, this::record, Duration.ofMillis(1));

		this.buffer.offer(event("e1", "LOGIN"));
		this.buffer.offer(event("e2", "LOGOUT"));

		await().untilAsserted(() -> assertThat(this.published).containsExactly("authstack.LOGIN e1", "authstack.LOGOUT e2"));
	}

	@Test
	void batchRefusedByTheBrokerIsRetriedUntilItIsConfirmed() {
		AtomicInteger refusals = new AtomicInteger(3);
		this.buffer = new EventBuffer(10, (batch) -> {
			if (refusals.getAndDecrement() > 0) {
				throw new AmqpPublishException("broker away", null);
			}
			record(batch);
		}, Duration.ofMillis(1));

		this.buffer.offer(event("e1", "LOGIN"));

		await().untilAsserted(() -> assertThat(this.published).containsExactly("authstack.LOGIN e1"));
		assertThat(refusals.get()).isNegative();
	}

	@Test
	void fullBufferDropsNewEventsWithoutBlocking() {
		CountDownLatch brokerHangs = new CountDownLatch(1);
		this.buffer = new EventBuffer(5, (batch) -> hang(brokerHangs), Duration.ofMillis(1));
		this.buffer.offer(event("taken-by-the-publisher", "LOGIN"));
		await().until(() -> this.buffer.pendingCount() == 0);

		for (int i = 0; i < 8; i++) {
			this.buffer.offer(event("e" + i, "LOGIN"));
		}

		assertThat(this.buffer.pendingCount()).isEqualTo(5);
		assertThat(this.buffer.droppedCount()).isEqualTo(3);
		brokerHangs.countDown();
	}

	private void record(List<OutgoingMessage> batch) {
		batch.forEach((message) -> this.published.add(message.routingKey() + " " + message.messageId()));
	}

	private static void hang(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static SecurityEvent event(String id, String type) {
		return new SecurityEvent(SecurityEvent.CURRENT_VERSION, id, "authstack", type, false, "user-1", "authstack-bff",
				null, "203.0.113.7", null, null, Map.of(), Instant.parse("2026-01-15T10:00:00Z"));
	}

}
