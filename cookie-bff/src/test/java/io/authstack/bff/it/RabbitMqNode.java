package io.authstack.bff.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.authstack.testkit.FreePorts;

/**
 * A RabbitMQ node of the tests' own: its own node name, ports, data, logs and Erlang cookie, all under a temporary
 * folder, and none of the machine's configuration (which pins the listener to 5672). A test may raise a memory alarm
 * on it; the machine's RabbitMQ, which other test runs share, never sees one.
 *
 * @see <a href="https://www.rabbitmq.com/docs/configure#supported-environment-variables">RabbitMQ environment
 * variables</a>
 */
final class RabbitMqNode {

	/** The Debian package's own scripts: its {@code /usr/sbin} wrappers would run them as user rabbitmq. */
	private static final Path PACKAGE_SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");

	private static final long CTL_TIMEOUT_SECONDS = 120;

	private final String name = "authstack-it-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";

	private final int port = FreePorts.next();

	private final int distributionPort = FreePorts.next();

	private final Path home;

	private final Path log;

	private Process process;

	RabbitMqNode(Path log) {
		this.log = log;
		try {
			this.home = Files.createTempDirectory("authstack-rabbitmq-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "rabbitmq-node-stop"));
	}

	int port() {
		return this.port;
	}

	synchronized void start() {
		try {
			Files.writeString(this.home.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + this.port + "\n");
			Files.writeString(this.home.resolve("enabled_plugins"), "[].\n");
			Files.writeString(this.home.resolve("rabbitmq-env.conf"), "");
			ProcessBuilder server = new ProcessBuilder(script("rabbitmq-server")).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			server.environment().putAll(environment());
			this.process = server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start rabbitmq-server", ex);
		}
		// Not await_startup: it gives up at once while the node has not registered its name yet.
		ctl("wait", this.home.resolve("pid").toString(), "--timeout", Long.toString(CTL_TIMEOUT_SECONDS));
	}

	/** A memory alarm: the node blocks every connection that publishes, until {@link #clearMemoryAlarm()}. */
	void raiseMemoryAlarm() {
		ctl("set_vm_memory_high_watermark", "0.00001");
	}

	void clearMemoryAlarm() {
		ctl("set_vm_memory_high_watermark", "0.4");
	}

	synchronized void stop() {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		ctl("stop");
		try {
			this.process.waitFor(CTL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			try (Stream<Path> files = Files.walk(this.home)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Everything the node and its CLI read, in the temporary folder (the Erlang cookie too: it lives in HOME). */
	private Map<String, String> environment() {
		String home = this.home.toString();
		return Map.of("HOME", home, "RABBITMQ_NODENAME", this.name, "RABBITMQ_NODE_PORT",
				Integer.toString(this.port), "RABBITMQ_DIST_PORT", Integer.toString(this.distributionPort),
				"RABBITMQ_MNESIA_BASE", home + "/mnesia", "RABBITMQ_LOG_BASE", home + "/log",
				"RABBITMQ_CONFIG_FILE", home + "/rabbitmq.conf", "RABBITMQ_ENABLED_PLUGINS_FILE",
				home + "/enabled_plugins", "RABBITMQ_CONF_ENV_FILE", home + "/rabbitmq-env.conf", "RABBITMQ_PID_FILE",
				home + "/pid");
	}

	private void ctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of(script("rabbitmqctl"), "-n", this.name));
		command.addAll(List.of(arguments));
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment());
			Process ctl = builder.start();
			String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!ctl.waitFor(CTL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || ctl.exitValue() != 0) {
				throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run rabbitmqctl", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String script(String name) {
		Path packaged = PACKAGE_SCRIPTS.resolve(name);
		return Files.isExecutable(packaged) ? packaged.toString() : name;
	}

}
