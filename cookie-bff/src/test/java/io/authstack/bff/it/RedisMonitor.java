package io.authstack.bff.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.exceptions.JedisException;

import static org.awaitility.Awaitility.await;

/**
 * Records the commands the BFF sends to the tests' Redis, as {@code MONITOR} reports them, to count the round
 * trips a request costs. Commands a Lua script runs are left out: a script is one trip, whatever it does.
 */
final class RedisMonitor implements AutoCloseable {

	private final Jedis monitoring;

	private final List<String> commands = new CopyOnWriteArrayList<>();

	private RedisMonitor(RedisProcess redis) {
		this.monitoring = connect(redis);
		Thread recorder = new Thread(this::record, "redis-monitor");
		recorder.setDaemon(true);
		recorder.start();
	}

	/** Starts recording, and returns once Redis reports commands to it. */
	static RedisMonitor of(RedisProcess redis) {
		RedisMonitor monitor = new RedisMonitor(redis);
		try (Jedis probe = connect(redis)) {
			String marker = "monitor-ready-" + System.nanoTime();
			await().until(() -> {
				probe.get(marker);
				return monitor.commands.stream().anyMatch((command) -> command.contains(marker));
			});
		}
		monitor.commands.clear();
		return monitor;
	}

	/** The commands clients sent since recording started, each as MONITOR prints it. */
	List<String> fromClients() {
		return this.commands.stream().filter((command) -> !command.contains(" lua]")).toList();
	}

	@Override
	public void close() {
		// Closing the socket ends MONITOR's endless read on the recording thread.
		this.monitoring.disconnect();
	}

	private void record() {
		try {
			this.monitoring.monitor(new JedisMonitor() {
				@Override
				public void onCommand(String command) {
					RedisMonitor.this.commands.add(command);
				}
			});
		}
		catch (JedisException closed) {
			// close() was called.
		}
	}

	private static Jedis connect(RedisProcess redis) {
		Jedis jedis = new Jedis("127.0.0.1", redis.port());
		jedis.auth(redis.password());
		return jedis;
	}

}
