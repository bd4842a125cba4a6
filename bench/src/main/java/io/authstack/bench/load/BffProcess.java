package io.authstack.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.authstack.testkit.FreePorts;
import io.authstack.testkit.ServerProcess;

/**
 * The cookie BFF as it ships: its Spring Boot jar in a process of its own, dev profile, on a free loopback port,
 * so that the load generator's threads and the BFF's do not share a heap and the BFF's memory can be read apart.
 * Its log goes to {@code bench/target/bff.log}.
 */
public final class BffProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final ServerProcess server;

	private final int port;

	private BffProcess(ServerProcess server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * @param root the checkout, whose {@code cookie-bff/target} holds the built jar
	 * @param issuer the realm the BFF trusts
	 * @param cookieKid the id of the cookie key
	 * @param cookieSecret the cookie key, base64url, fresh for the run
	 */
	public static BffProcess start(Path root, URI issuer, String cookieKid, String cookieSecret) {
		int port = FreePorts.next();
		String publicUrl = "http://127.0.0.1:" + port;
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				execJar(root.resolve("cookie-bff/target")).toString(), "--spring.profiles.active=dev",
				"--server.port=" + port, "--server.address=127.0.0.1", "--authstack.bff.public-url=" + publicUrl,
				"--authstack.bff.keycloak.issuer=" + issuer, "--authstack.bff.cookie.keys[0].kid=" + cookieKid,
				"--authstack.bff.cookie.keys[0].secret=" + cookieSecret,
				// The load logs in thousands of times from one address as one user: the limits would measure themselves.
				"--authstack.bff.rate-limit.per-address.capacity=100000000",
				"--authstack.bff.rate-limit.per-username.capacity=100000000",
				// One line per login at INFO is the BFF's audit trail, not what is measured here.
				"--logging.level.io.authstack=WARN"));
		Path log = root.resolve("bench/target/bff.log");
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ServerProcess server = new ServerProcess("cookie-bff", process.toHandle(), log);
			server.awaitHealthy(URI.create(publicUrl + "/actuator/health"), START_TIMEOUT);
			return new BffProcess(server, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the BFF, see " + log, ex);
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

	private static Path execJar(Path target) {
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches("cookie-bff-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No cookie-bff exec jar in " + target
						+ "; build with ./mvnw -pl bench -am package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + target, ex);
		}
	}

}
