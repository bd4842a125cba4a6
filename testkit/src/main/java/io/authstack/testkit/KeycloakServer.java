package io.authstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Keycloak server process started with {@code kc.sh start --optimized} from a prepared home.
 */
public final class KeycloakServer implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ProcessHandle process;

	private final int httpPort;

	private final int managementPort;

	private final Path log;

	private KeycloakServer(ProcessHandle process, int httpPort, int managementPort, Path log) {
		this.process = process;
		this.httpPort = httpPort;
		this.managementPort = managementPort;
		this.log = log;
	}

	/**
	 * Starts Keycloak and waits until {@code /health/ready} answers.
	 * @param home a home prepared by {@link KeycloakDistribution#prepare()}
	 * @param options {@code kc.sh start} options besides the ports
	 * @param environment variables for the server (bootstrap admin, realm placeholders)
	 * @param log where the server's console output goes
	 * @param detached whether the server outlives this JVM in a session of its own
	 */
	public static KeycloakServer start(Path home, int httpPort, int managementPort, List<String> options,
			Map<String, String> environment, Path log, boolean detached) {
		List<String> command = new ArrayList<>();
		if (detached) {
			command.add("setsid");
		}
		command.addAll(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
				"--http-enabled=true", "--http-port=" + httpPort, "--http-management-port=" + managementPort));
		command.addAll(options);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			KeycloakServer server = new KeycloakServer(builder.start().toHandle(), httpPort, managementPort, log);
			server.awaitReady();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start Keycloak from " + home, ex);
		}
	}

	/** A server this or another JVM started earlier, found by its process id. */
	public static KeycloakServer attach(long pid, int httpPort, int managementPort, Path log) {
		ProcessHandle process = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("No Keycloak process " + pid));
		return new KeycloakServer(process, httpPort, managementPort, log);
	}

	public String baseUrl() {
		return "http://localhost:" + this.httpPort;
	}

	public String realmUrl(String realm) {
		return baseUrl() + "/realms/" + realm;
	}

	public int httpPort() {
		return this.httpPort;
	}

	public int managementPort() {
		return this.managementPort;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	public boolean isReady() {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/health/ready"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!isReady()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Keycloak exited during start-up, see " + this.log);
			}
			if (Instant.now().isAfter(deadline)) {
				close();
				throw new IllegalStateException("Keycloak not ready after " + READY_TIMEOUT + ", see " + this.log);
			}
			pause();
		}
	}

	/** Stops the server gracefully, forcibly after a timeout. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			this.process.destroyForcibly();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
		}
	}

}
