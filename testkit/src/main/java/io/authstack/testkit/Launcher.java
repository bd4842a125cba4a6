package io.authstack.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./authstack up|down|status}: runs the stack on this machine, without Docker, through the same
 * {@link AuthstackKeycloak} the integration tests use. What it starts outlives it; its state (process
 * ids, logs, the Keycloak install) lives in {@code .authstack/} of the checkout.
 */
public final class Launcher {

	private static final String DATABASE = "authstack";

	private final AuthstackKeycloak keycloak;

	private final Path stateDir;

	private final PrintStream out;

	Launcher(AuthstackKeycloak keycloak, PrintStream out) {
		this.keycloak = keycloak;
		this.stateDir = keycloak.root().resolve(".authstack");
		this.out = out;
	}

	public static void main(String[] args) {
		Launcher launcher = new Launcher(AuthstackKeycloak.ofThisCheckout(), System.out);
		String command = (args.length > 0) ? args[0] : "help";
		try {
			switch (command) {
				case "up" -> launcher.up();
				case "down" -> launcher.down();
				case "status" -> launcher.status();
				default -> {
					System.err.println("usage: ./authstack up|down|status");
					System.exit(2);
				}
			}
		}
		catch (IllegalStateException ex) {
			System.err.println("authstack: " + ex.getMessage());
			System.exit(1);
		}
	}

	void up() {
		Optional<KeycloakServer> running = runningKeycloak();
		if (running.isPresent()) {
			this.out.println("Keycloak already runs (pid " + running.get().pid() + ").");
			printUrls(running.get());
			return;
		}
		LocalService.POSTGRESQL.require();
		LocalService.RABBITMQ.require();
		int httpPort = portSetting("AUTHSTACK_KEYCLOAK_PORT", 8180);
		int managementPort = portSetting("AUTHSTACK_KEYCLOAK_MANAGEMENT_PORT", 9180);
		this.out.println("Starting Keycloak on port " + httpPort
				+ " (the first run builds it, about a minute; then about 20 s) ...");
		KeycloakServer server = this.keycloak.start(this.stateDir.resolve("keycloak"),
				new PostgresDatabase(DATABASE).createIfAbsent(), httpPort, managementPort,
				LocalService.RABBITMQ.port(), Map.of(),
				this.stateDir.resolve("logs/keycloak.log"), true);
		writeState(server);
		this.out.println("Keycloak is ready.");
		printUrls(server);
	}

	void down() {
		Optional<KeycloakServer> running = runningKeycloak();
		running.ifPresent((server) -> {
			this.out.println("Stopping Keycloak (pid " + server.pid() + ") ...");
			server.close();
		});
		deleteState();
		this.out.println(running.isPresent() ? "Stopped." : "Nothing was running.");
	}

	void status() {
		runningKeycloak().ifPresentOrElse(
				(server) -> this.out.println("keycloak  " + (server.isReady() ? "ready" : "starting") + "  pid "
						+ server.pid() + "  " + server.baseUrl() + "  log " + server.log()),
				() -> this.out.println("keycloak  stopped"));
		for (LocalService service : LocalService.values()) {
			this.out.println(String.format("%-9s %s", service.name().toLowerCase(),
					service.isAnswering() ? "answering on port " + service.port()
							: "DOWN - start it with: " + service.startCommand()));
		}
	}

	private void printUrls(KeycloakServer server) {
		this.out.println();
		this.out.println("  Admin console   " + server.baseUrl() + "/admin/  (user " + AuthstackKeycloak.ADMIN_USERNAME
				+ ", password from AUTHSTACK_ADMIN_PASSWORD, 'admin' when unset)");
		this.out.println("  Realm           " + server.realmUrl(AuthstackKeycloak.REALM));
		this.out.println("  Account console " + server.realmUrl(AuthstackKeycloak.REALM) + "/account/");
		this.out.println("  Log             " + server.log());
		this.out.println();
		this.out.println("Stop it with ./authstack down");
	}

	private Path stateFile() {
		return this.stateDir.resolve("keycloak.state");
	}

	/** The state file holds "pid httpPort managementPort" of the Keycloak that {@code up} started. */
	private void writeState(KeycloakServer server) {
		try {
			Files.writeString(stateFile(),
					server.pid() + " " + server.httpPort() + " " + server.managementPort() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Optional<KeycloakServer> runningKeycloak() {
		try {
			if (!Files.isRegularFile(stateFile())) {
				return Optional.empty();
			}
			List<Long> state = List.of(Files.readString(stateFile()).trim().split(" "))
				.stream()
				.map(Long::valueOf)
				.toList();
			return ProcessHandle.of(state.get(0))
				.filter(ProcessHandle::isAlive)
				.map((process) -> KeycloakServer.attach(process.pid(), state.get(1).intValue(),
						state.get(2).intValue(), this.stateDir.resolve("logs/keycloak.log")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void deleteState() {
		try {
			Files.deleteIfExists(stateFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int portSetting(String variable, int defaultPort) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			return defaultPort;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(variable + " must be a port number, not '" + value + "'");
		}
	}

}
