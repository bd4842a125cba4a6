package io.authstack.keycloak.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.authstack.contract.SecurityEvent;
import org.jboss.logging.Logger;

/**
 * Decouples logins from the broker: events wait here, in memory and bounded, while one background thread
 * publishes them in batches with confirms. {@link #offer} never blocks; when the broker is down the
 * thread keeps the batch and retries with a growing pause (up to {@link #MAX_BACKOFF}).
 * <p>
 * When the buffer is full (the broker has been away for long), new events are dropped, counted and
 * logged once a minute: a security event stream is not worth a login, and Keycloak's own event store
 * still has them when events are saved. Events in the buffer are lost if Keycloak stops before the broker
 * returns.
 */
final class EventBuffer implements AutoCloseable {

	private static final Logger LOG = Logger.getLogger(EventBuffer.class);

	static final int BATCH_SIZE = 100;

	static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final Duration DROP_LOG_INTERVAL = Duration.ofMinutes(1);

	/** Where a batch goes: the confirmed publisher in production, a fake in unit tests. */
	interface Sink {

		void publish(List<OutgoingMessage> batch) throws AmqpPublishException;

	}

	private final BlockingQueue<SecurityEvent> queue;

	private final Sink sink;

	private final Duration firstBackoff;

	private final AtomicLong dropped = new AtomicLong();

	private volatile long lastDropLog;

	private final Thread publisherThread;

	private volatile boolean running = true;

	EventBuffer(int capacity, Sink sink, Duration firstBackoff) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.sink = sink;
		this.firstBackoff = firstBackoff;
		this.publisherThread = new Thread(this::publishLoop, "authstack-amqp-events");
		this.publisherThread.setDaemon(true);
		this.publisherThread.start();
	}

	/** Queues an event for publishing; drops it when the buffer is full. Never blocks, never throws. */
	void offer(SecurityEvent event) {
		if (!this.queue.offer(event)) {
			long total = this.dropped.incrementAndGet();
			long now = System.nanoTime();
			if (now - this.lastDropLog > DROP_LOG_INTERVAL.toNanos()) {
				this.lastDropLog = now;
				LOG.warnf("Security event buffer full (RabbitMQ unreachable?): %d event(s) dropped so far", total);
			}
		}
	}

	long droppedCount() {
		return this.dropped.get();
	}

	int pendingCount() {
		return this.queue.size();
	}

	private void publishLoop() {
		List<SecurityEvent> batch = new ArrayList<>(BATCH_SIZE);
		Duration backoff = this.firstBackoff;
		while (this.running) {
			try {
				if (batch.isEmpty()) {
					SecurityEvent first = this.queue.poll(1, TimeUnit.SECONDS);
					if (first == null) {
						continue;
					}
					batch.add(first);
					this.queue.drainTo(batch, BATCH_SIZE - 1);
				}
				this.sink.publish(batch.stream().map(EventBuffer::toMessage).toList());
				batch.clear();
				backoff = this.firstBackoff;
			}
			catch (AmqpPublishException ex) {
				LOG.debugf("Security events not published yet, retrying in %s: %s", backoff, ex.getMessage());
				pause(backoff);
				backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static OutgoingMessage toMessage(SecurityEvent event) {
		return new OutgoingMessage(event.routingKey(), event.id(), ContractJson.write(event));
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void close() {
		this.running = false;
		this.publisherThread.interrupt();
	}

}
