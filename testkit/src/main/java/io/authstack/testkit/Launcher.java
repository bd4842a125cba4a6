package io.authstack.testkit;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./authstack up|down|status|update-realm}: runs the whole stack on this machine, without Docker: Keycloak
 * (through the same {@link AuthstackKeycloak} the integration tests use), an SMTP sink with a REST view
 * of the mail (GreenMail standalone), the notification worker, the demo API and the cookie BFF. What it starts
 * outlives it; process ids, logs and the Keycloak install live in {@code .authstack/} of the checkout.
 */
public final class Launcher {

	static final String DEMO_USER = "demo";

	static final String DEMO_PASSWORD = "authstack-demo-password";

	private static final String DATABASE = "authstack";

	private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(2);

	private static final int MAIL_SMTP_PORT = 3025;

	private static final int MAIL_API_PORT = 8025;

	/** The worker's actuator: its own port, on loopback (the worker's default in every profile). */
	private static final int WORKER_MANAGEMENT_PORT = 9090;

	private static final int BFF_PORT = 8080;

	/** The BFF's actuator: its own port, on loopback (the BFF's default in every profile). */
	private static final int BFF_MANAGEMENT_PORT = 9080;

	private final AuthstackKeycloak keycloak;

	private final Path stateDir;

	private final PrintStream out;

	private final int keycloakPort = portSetting("AUTHSTACK_KEYCLOAK_PORT", 8180);

	private final int keycloakManagementPort = portSetting("AUTHSTACK_KEYCLOAK_MANAGEMENT_PORT", 9180);

	/** Where the demo API listens: {@code AUTHSTACK_DEMO_API_PORT}, else 8091. */
	private final int demoApiPort = portSetting("AUTHSTACK_DEMO_API_PORT", 8091);

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
				case "update-realm" -> launcher.updateRealm();
				default -> {
					System.err.println("usage: ./authstack up|down|status|update-realm");
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
		requireLocalServices();
		KeycloakServer keycloakServer = upKeycloak();
		ensureDemoUser(keycloakServer);
		upService(mail(), List.of("-Dgreenmail.setup.test.smtp", "-Dgreenmail.hostname=127.0.0.1",
				"-Dgreenmail.auth.disabled", "-Dgreenmail.api.hostname=127.0.0.1",
				"-Dgreenmail.api.port=" + MAIL_API_PORT, "-jar", greenMailJar().toString()),
				URI.create(mailUrl() + "/api/service/readiness"));
		upService(worker(), ServiceJvm.withMemoryOptions(List.of("-jar", serviceJar("notification-worker").toString(),
				"--spring.profiles.active=dev", "--spring.mail.port=" + MAIL_SMTP_PORT)),
				// Readiness (RabbitMQ, Redis): the SMTP sink is up already, but the worker does not wait on SMTP.
				URI.create("http://127.0.0.1:" + WORKER_MANAGEMENT_PORT + "/actuator/health/readiness"));
		// Before the BFF, which relays to it.
		upService(demoApi(), ServiceJvm.withMemoryOptions(List.of("-jar", serviceJar("demo-api").toString(),
				"--server.port=" + this.demoApiPort,
				"--authstack.demo-api.token.issuer=" + keycloakServer.realmUrl(AuthstackKeycloak.REALM))),
				URI.create(demoApiUrl() + "/actuator/health"));
		upService(bff(), ServiceJvm.withMemoryOptions(List.of("-jar", serviceJar("cookie-bff").toString(),
				"--spring.profiles.active=dev",
				"--authstack.bff.keycloak.issuer=" + keycloakServer.realmUrl(AuthstackKeycloak.REALM),
				// The demo API behind the relay, with a token exchanged for its audience; the SPA's panel calls it.
				"--authstack.bff.apis[0].id=demo", "--authstack.bff.apis[0].path-prefix=/api/demo",
				"--authstack.bff.apis[0].target=" + demoApiUrl(), "--authstack.bff.apis[0].audience=demo-api",
				"--authstack.bff.apis[0].scope=demo-api", "--authstack.bff.spa.demo-api=/api/demo/whoami")),
				URI.create("http://127.0.0.1:" + BFF_MANAGEMENT_PORT + "/actuator/health"));
		printUrls(keycloakServer);
	}

	void down() {
		List<DetachedProcess> stopOrder = List.of(bff(), demoApi(), worker(), mail(), keycloakProcess());
		for (DetachedProcess process : stopOrder) {
			if (process.stop()) {
				this.out.println("Stopped " + process.name() + ".");
			}
		}
		this.out.println("Nothing of authstack runs now.");
	}

	void status() {
		runningKeycloak().ifPresentOrElse(
				(server) -> this.out.println(line("keycloak", (server.isReady() ? "ready" : "starting") + "  pid "
						+ server.pid() + "  " + server.baseUrl())),
				() -> this.out.println(line("keycloak", "stopped")));
		for (DetachedProcess process : List.of(mail(), worker(), demoApi(), bff())) {
			this.out.println(line(process.name(), process.running()
				.map((running) -> "running  pid " + running.process().pid() + "  log " + running.log())
				.orElse("stopped")));
		}
		for (LocalService service : LocalService.values()) {
			this.out.println(line(service.name().toLowerCase(), service.isAnswering() ? "answering on port " + service.port()
					: "DOWN - start it with: " + service.startCommand()));
		}
	}

	/**
	 * Brings the realm file's changes to the realm in the database, which {@code up} imports only once: Keycloak
	 * stopped, {@link RealmUpdate}, Keycloak started again if it ran. The other services keep running.
	 */
	void updateRealm() {
		requireLocalServices();
		boolean wasRunning = keycloakProcess().stop();
		if (wasRunning) {
			this.out.println("Stopped Keycloak for the update.");
		}
		try {
			new RealmUpdate(this.keycloak, keycloakInstallDir(), new PostgresDatabase(DATABASE),
					LocalService.RABBITMQ.port(), Map.of(), this.out)
				.apply(this.keycloak.realmDir().resolve(AuthstackKeycloak.REALM + "-realm.json"),
						this.stateDir.resolve("realm-backups"));
		}
		finally {
			if (wasRunning) {
				upKeycloak();
				this.out.println("Keycloak is ready again.");
			}
		}
	}

	/** Names every local service that is down, with its start command, before starting anything. */
	private void requireLocalServices() {
		List<String> down = new ArrayList<>();
		for (LocalService service : LocalService.values()) {
			if (!service.isAnswering()) {
				down.add(service.name().toLowerCase() + " is down; start it with: " + service.startCommand());
			}
		}
		if (!down.isEmpty()) {
			throw new IllegalStateException("authstack needs PostgreSQL, Redis and RabbitMQ on localhost:\n  "
					+ String.join("\n  ", down));
		}
	}

	private KeycloakServer upKeycloak() {
		Optional<KeycloakServer> running = runningKeycloak();
		if (running.isPresent()) {
			this.out.println("Keycloak already runs (pid " + running.get().pid() + ").");
			return running.get();
		}
		this.out.println("Starting Keycloak on port " + this.keycloakPort
				+ " (the first run builds it, about a minute; then about 20 s) ...");
		KeycloakServer server = this.keycloak.start(keycloakInstallDir(),
				new PostgresDatabase(DATABASE).createIfAbsent(), this.keycloakPort, this.keycloakManagementPort,
				LocalService.RABBITMQ.port(), Map.of(), keycloakProcess().log(), true);
		keycloakProcess().remember(server.pid());
		return server;
	}

	private void ensureDemoUser(KeycloakServer server) {
		KeycloakApi api = new KeycloakApi(server);
		if (!api.userExists(AuthstackKeycloak.REALM, DEMO_USER)) {
			api.createUser(AuthstackKeycloak.REALM, DEMO_USER, "demo@authstack.localhost", DEMO_PASSWORD);
		}
	}

	private void upService(DetachedProcess process, List<String> javaArguments, URI health) {
		if (process.running().isPresent()) {
			this.out.println(process.name() + " already runs.");
			return;
		}
		this.out.println("Starting " + process.name() + " ...");
		List<String> command = new ArrayList<>(List.of(javaCommand()));
		command.addAll(javaArguments);
		process.start(command, ServiceJvm.ENVIRONMENT).awaitHealthy(health, SERVICE_START_TIMEOUT);
	}

	private void printUrls(KeycloakServer server) {
		this.out.println();
		this.out.println("authstack is up.");
		this.out.println("  App (BFF + demo SPA)  " + bffUrl() + "/");
		this.out.println("  Demo login            " + DEMO_USER + " / " + DEMO_PASSWORD);
		this.out.println("  Demo API (bearer)     " + demoApiUrl() + "/whoami  (a token with aud demo-api, docs/spa-developers.md)");
		this.out.println("  Mail received         " + mailUrl()
				+ "/api/user/demo@authstack.localhost/messages/INBOX  (REST; any address)");
		this.out.println("  Keycloak admin        " + server.baseUrl() + "/admin/  (" + AuthstackKeycloak.ADMIN_USERNAME
				+ " / AUTHSTACK_ADMIN_PASSWORD, 'admin' when unset)");
		this.out.println("  Realm                 " + server.realmUrl(AuthstackKeycloak.REALM));
		this.out.println("  BFF metrics           http://127.0.0.1:" + BFF_MANAGEMENT_PORT
				+ "/actuator/prometheus  (operator / dev-only-bff-operator-password)");
		this.out.println("  Logs                  " + this.stateDir.resolve("logs"));
		this.out.println();
		this.out.println("Stop it with ./authstack down");
	}

	private Optional<KeycloakServer> runningKeycloak() {
		return keycloakProcess().running()
			.map((process) -> KeycloakServer.attach(process, this.keycloakPort, this.keycloakManagementPort));
	}

	private Path keycloakInstallDir() {
		return this.stateDir.resolve("keycloak");
	}

	private DetachedProcess keycloakProcess() {
		return new DetachedProcess("keycloak", this.stateDir);
	}

	private DetachedProcess mail() {
		return new DetachedProcess("mail", this.stateDir);
	}

	private DetachedProcess worker() {
		return new DetachedProcess("worker", this.stateDir);
	}

	private DetachedProcess demoApi() {
		return new DetachedProcess("demo-api", this.stateDir);
	}

	private DetachedProcess bff() {
		return new DetachedProcess("bff", this.stateDir);
	}

	private static String mailUrl() {
		return "http://127.0.0.1:" + MAIL_API_PORT;
	}

	private String demoApiUrl() {
		return "http://localhost:" + this.demoApiPort;
	}

	private static String bffUrl() {
		return "http://localhost:" + BFF_PORT;
	}

	private Path greenMailJar() {
		return requireFile(this.keycloak.root().resolve("testkit/target/launcher/greenmail-standalone.jar"));
	}

	private Path serviceJar(String module) {
		return ServiceProcess.runnableJar(this.keycloak.root(), module);
	}

	private static Path requireFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(file + " is missing; build with ./mvnw package");
		}
		return file;
	}

	/** The java that runs the launcher runs the services too. */
	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static String line(String name, String state) {
		return String.format("%-11s %s", name, state);
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
