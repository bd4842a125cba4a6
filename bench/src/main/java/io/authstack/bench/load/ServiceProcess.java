package io.authstack.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import io.authstack.testkit.FreePorts;
import io.authstack.testkit.ServerProcess;
import io.authstack.testkit.ServiceJvm;

/**
 * One of our Spring Boot services as it ships: its runnable jar in a process of its own, with the memory options and
 * environment {@code ./authstack up} gives it ({@link ServiceJvm}), dev profile, on a free loopback port, so that the load
 * generator's threads and the service's do not share a heap and the service's memory can be read apart. Its log
 * goes to {@code bench/target/<module>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final ServerProcess server;

	private final int port;

	private ServiceProcess(ServerProcess server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * @param root the checkout, whose {@code <module>/target} holds the built jar
	 * @param module {@code cookie-bff} or {@code notification-worker}
	 * @param port a free loopback port ({@link FreePorts})
	 * @param arguments the application's arguments besides the profile and the port
	 */
	public static ServiceProcess start(Path root, String module, int port, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(ServiceJvm.withMemoryOptions(List.of("-jar", runnableJar(root.resolve(module + "/target")).toString(),
				"--spring.profiles.active=dev", "--server.port=" + port, "--server.address=127.0.0.1",
				// The actuator on that port too (the worker's own default is a separate management port).
				"--management.server.port=" + port)));
		command.addAll(arguments);
		Path log = root.resolve("bench/target/" + module + ".log");
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(ServiceJvm.ENVIRONMENT);
			Process process = builder.start();
			ServerProcess server = new ServerProcess(module, process.toHandle(), log);
			server.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), START_TIMEOUT);
			return new ServiceProcess(server, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + module + ", see " + log, ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public long pid() {
		return this.server.process().pid();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/** The jar with a {@code Main-Class}: the module may also build a plain one (the BFF does, for its ITs). */
	private static Path runnableJar(Path target) {
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jar"))
				.filter(ServiceProcess::hasMainClass)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No runnable jar in " + target + "; build with ./mvnw -pl bench -am package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + target, ex);
		}
	}

	private static boolean hasMainClass(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + jar, ex);
		}
	}

}
