package io.authstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak server process started with {@code kc.sh start --optimized} from a prepared home.
 */
public final class KeycloakServer implements AutoCloseable {

	// About 25 s on an idle 2-core machine; a loaded one (parallel builds) has taken over 3 min.
	private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

	private final ServerProcess process;

	private final int httpPort;

	private final int managementPort;

	private KeycloakServer(ServerProcess process, int httpPort, int managementPort) {
		this.process = process;
		this.httpPort = httpPort;
		this.managementPort = managementPort;
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
			KeycloakServer server = new KeycloakServer(new ServerProcess("Keycloak", builder.start().toHandle(), log),
					httpPort, managementPort);
			server.process.awaitHealthy(server.readyUri(), READY_TIMEOUT);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start Keycloak from " + home, ex);
		}
	}

	/** A server started earlier, by this or another JVM. */
	public static KeycloakServer attach(ServerProcess process, int httpPort, int managementPort) {
		return new KeycloakServer(process, httpPort, managementPort);
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
		return this.process.process().pid();
	}

	public Path log() {
		return this.process.log();
	}

	public boolean isReady() {
		return ServerProcess.answersOk(readyUri());
	}

	private URI readyUri() {
		return URI.create("http://localhost:" + this.managementPort + "/health/ready");
	}

	/** Stops the server gracefully, forcibly after a timeout. */
	@Override
	public void close() {
		this.process.stop();
	}

}
