package io.authstack.bff.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.authstack.contract.EmailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves the outbox's jobs to RabbitMQ, on one thread of its own: never on a request's. It runs every
 * {@code relay-interval}, at once when a job is put in, and when RabbitMQ lifts a block. Each run claims the oldest
 * due job, publishes it with a confirm, removes it once confirmed, and goes on with the next; the first job RabbitMQ
 * does not take is handed back, keeping its place, and the run ends (the next run tries again). A job past its {@code expiresAt} is
 * dropped with a log line: the worker would not send it anyway. A job may reach RabbitMQ twice (a confirm that came
 * after its timeout, a relay that died after publishing): the worker sends one email per job id.
 *
 * @see <a href="https://microservices.io/patterns/data/transactional-outbox.html">Transactional outbox</a>
 */
@Component
final class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxStore store;

	private final ConfirmedPublisher publisher;

	private final BrokerBlock block;

	private final JsonMapper json;

	private final OutboxProperties properties;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread relay = new Thread(runnable, "email-outbox-relay");
		relay.setDaemon(true);
		return relay;
	});

	/** A run asked for and not started yet: more asks add nothing. */
	private final AtomicBoolean runPending = new AtomicBoolean();

	private volatile boolean running;

	OutboxRelay(OutboxStore store, ConfirmedPublisher publisher, BrokerBlock block, JsonMapper json,
			OutboxProperties properties) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(publisher, "publisher cannot be null");
		Assert.notNull(block, "block cannot be null");
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.store = store;
		this.publisher = publisher;
		this.block = block;
		this.json = json;
		this.properties = properties;
		block.onUnblocked(this::runSoon);
	}

	/** Asks for a run as soon as the relay's thread is free; returns at once. */
	void runSoon() {
		if (!this.running || !this.runPending.compareAndSet(false, true)) {
			return;
		}
		try {
			this.thread.execute(() -> {
				this.runPending.set(false);
				run();
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: what is in the outbox waits for the next relay.
			this.runPending.set(false);
		}
	}

	@Override
	public void start() {
		long interval = this.properties.relayInterval().toMillis();
		this.thread.scheduleWithFixedDelay(this::run, interval, interval, TimeUnit.MILLISECONDS);
		this.running = true;
		// What an earlier run of the BFF left behind goes out now.
		runSoon();
	}

	@Override
	public void stop() {
		this.running = false;
		// A job being published when the thread is interrupted is handed back, or its lease runs out.
		this.thread.shutdownNow();
		try {
			this.thread.awaitTermination(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		try {
			// While RabbitMQ blocks the connection, the channel is not touched: the jobs wait.
			while (!this.block.isBlocked() && !Thread.currentThread().isInterrupted()) {
				Instant now = Instant.now();
				Optional<OutboxStore.Claim> claim = this.store.claim(now, this.properties.claimLease());
				if (claim.isEmpty()) {
					return;
				}
				if (!relay(claim.get(), now)) {
					this.store.release(claim.get());
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			// Redis down, or a job that does not read: what was claimed comes due again when its lease runs out.
			logger.warn("Email outbox relay run ended early: {}", ex.toString());
		}
	}

	/** @return false when RabbitMQ did not take the job */
	private boolean relay(OutboxStore.Claim claim, Instant now) {
		EmailMessage email = this.json.readValue(claim.job(), EmailMessage.class);
		if (email.isExpiredAt(now)) {
			logger.warn("Email job {} ({}) expired at {} before RabbitMQ took it; dropped", email.id(), email.kind(),
					email.expiresAt());
		}
		else if (!this.publisher.publish(email, claim.job())) {
			return false;
		}
		this.store.remove(claim);
		return true;
	}

}
