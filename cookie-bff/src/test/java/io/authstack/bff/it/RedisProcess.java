package io.authstack.bff.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.authstack.testkit.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server of the tests' own, on a free port, which a test may stop and start again to see what the
 * BFF does while Redis is down. No persistence: a restarted server is empty, as after a failover. It
 * requires a password, as production's does, so every connection the BFF opens proves it authenticates.
 */
final class RedisProcess {

	private final int port = FreePorts.next();

	private final String password = UUID.randomUUID().toString();

	private final Path log;

	private Process process;

	private final String maxmemoryPolicy;

	RedisProcess(Path log) {
		this(log, "noeviction");
	}

	/** With another eviction policy, to see that the BFF refuses it. */
	RedisProcess(Path log, String maxmemoryPolicy) {
		this.log = log;
		this.maxmemoryPolicy = maxmemoryPolicy;
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "redis-stop"));
	}

	int port() {
		return this.port;
	}

	String password() {
		return this.password;
	}

	synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--maxmemory-policy",
					this.maxmemoryPolicy, "--requirepass", this.password))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start redis-server", ex);
		}
		await().atMost(Duration.ofSeconds(10)).until(this::isAnswering);
	}

	synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.process.isAlive());
		}
	}

	private boolean isAnswering() {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
