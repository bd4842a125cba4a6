package io.authstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;

/**
 * One of our Spring Boot services as it ships: its runnable jar in a process of its own, with the memory options and
 * environment {@code ./authstack up} gives it ({@link ServiceJvm}), on a loopback port, so that the caller's threads
 * and the service's do not share a heap and the service's memory can be read apart. Stopped by {@link #close()}.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final ServerProcess server;

	private final int port;

	private final int managementPort;

	private ServiceProcess(ServerProcess server, int port, int managementPort) {
		this.server = server;
		this.port = port;
		this.managementPort = managementPort;
	}

	/**
	 * Starts the service with its actuator on its own port and waits until {@code /actuator/health} answers.
	 * @param root the checkout, whose {@code <module>/target} holds the built jar
	 * @param module {@code cookie-bff}, {@code notification-worker}, {@code demo-api}
	 * @param port a free loopback port ({@link FreePorts})
	 * @param arguments the application's arguments besides the port (a profile, its settings)
	 * @param log where the service's output goes
	 */
	public static ServiceProcess start(Path root, String module, int port, List<String> arguments, Path log) {
		return start(root, module, port, port, arguments, log);
	}

	/**
	 * {@link #start(Path, String, int, List, Path)} with the actuator on a port of its own, on loopback: for the
	 * worker and the BFF, whose configurations put their actuator on a loopback address, which Spring Boot allows
	 * only on a separate port.
	 * @param managementPort another free loopback port, where {@code /actuator/health} answers
	 */
	public static ServiceProcess start(Path root, String module, int port, int managementPort, List<String> arguments,
			Path log) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(ServiceJvm.withMemoryOptions(List.of("-jar", runnableJar(root, module).toString(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=" + managementPort)));
		command.addAll(arguments);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(ServiceJvm.ENVIRONMENT);
			Process process = builder.start();
			ServerProcess server = new ServerProcess(module, process.toHandle(), log);
			server.awaitHealthy(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"), START_TIMEOUT);
			return new ServiceProcess(server, port, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + module + ", see " + log, ex);
		}
	}

	/**
	 * The module's runnable Spring Boot jar in {@code <root>/<module>/target}: the one with a {@code Main-Class}. A
	 * module may build a plain jar beside it (the BFF does, for its ITs); listing order is the file system's, so
	 * the choice never depends on it.
	 */
	public static Path runnableJar(Path root, String module) {
		Path target = root.resolve(module + "/target");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(module + "-"))
				.filter((file) -> file.getFileName().toString().endsWith(".jar"))
				.filter(ServiceProcess::hasMainClass)
				.min(Comparator.comparing(Path::getFileName))
				.orElseThrow(() -> new IllegalStateException(
						"No runnable " + module + " jar in " + target + "; build with ./mvnw package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + target + "; build with ./mvnw package", ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	/** Where the actuator answers: the service's own port, or the management port it was started with. */
	public URI managementUrl() {
		return URI.create("http://127.0.0.1:" + this.managementPort);
	}

	public long pid() {
		return this.server.process().pid();
	}

	public Path log() {
		return this.server.log();
	}

	@Override
	public void close() {
		this.server.stop();
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
