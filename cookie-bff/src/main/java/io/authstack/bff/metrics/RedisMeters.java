package io.authstack.bff.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@link MeterNames#REDIS_COMMANDS}: how long Redis takes, by client and outcome. Every command the BFF sends goes
 * through one of two clients: Spring Data's template ({@link RedisTemplateConfiguration}) or the rate limits' own
 * Jedis pool.
 */
@Component
public final class RedisMeters {

	/** A command on the same network answers in well under a millisecond; the timeout is one second. */
	private static final Duration[] BUCKETS = { Duration.ofNanos(250_000), Duration.ofNanos(500_000),
			Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
			Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1) };

	private final Map<Client, Timer> succeeded = new EnumMap<>(Client.class);

	private final Map<Client, Timer> failed = new EnumMap<>(Client.class);

	RedisMeters(MeterRegistry registry) {
		for (Client client : Client.values()) {
			this.succeeded.put(client, timer(registry, client, Outcome.SUCCESS));
			this.failed.put(client, timer(registry, client, Outcome.FAILED));
		}
	}

	/** Runs one command (or one compare-and-swap of Bucket4j's) through {@code client} and times it. */
	public <T> T timed(Client client, Supplier<T> command) {
		long started = System.nanoTime();
		T result;
		try {
			result = command.get();
		}
		catch (RuntimeException ex) {
			this.failed.get(client).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			throw ex;
		}
		this.succeeded.get(client).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return result;
	}

	private static Timer timer(MeterRegistry registry, Client client, Outcome outcome) {
		return Timer.builder(MeterNames.REDIS_COMMANDS)
			.description("Redis commands, by client and outcome")
			.tag("client", TagValue.of(client))
			.tag("outcome", TagValue.of(outcome))
			.serviceLevelObjectives(BUCKETS)
			.register(registry);
	}

	/** The BFF's two Redis clients. */
	public enum Client {

		/** Spring Data's template: the deny-list, refresh rotations, nonces, the email outbox, one-time tokens. */
		TEMPLATE,
		/** Bucket4j's own Jedis pool: the rate limits. */
		RATE_LIMITS

	}

	/** Whether Redis answered. */
	public enum Outcome {

		SUCCESS,
		/** No connection, no answer in time, or an error reply. */
		FAILED

	}

}
