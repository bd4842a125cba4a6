package io.authstack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Keycloak as authstack runs it: our providers jar, our build options, the local PostgreSQL and the
 * realm from {@code realm-config/} imported on start. The tests ({@link TestKeycloak}) and
 * {@code ./authstack up} ({@link Launcher}) both start Keycloak through this class.
 */
public final class AuthstackKeycloak {

	public static final String REALM = "authstack";

	public static final String ADMIN_USERNAME = "admin";

	/** Build-time options: changing one triggers {@code kc.sh build}. */
	static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true", "--cache=local",
			// Keycloak's emails go to RabbitMQ; the notification worker sends them.
			"--spi-email-sender--provider=amqp",
			// Failed logins count per user and network, so that nobody can lock a user out from elsewhere.
			"--spi-brute-force-protector--provider=authstack-network");

	/**
	 * The realm's client secrets on this machine (tests and {@code ./authstack up}). The realm file gives them no
	 * default, so that no other deployment can import a published secret; the BFF's and the worker's {@code dev}
	 * profiles and the tests present these. A test's own realm environment overrides them.
	 */
	public static final Map<String, String> DEV_CLIENT_SECRETS = Map.of("AUTHSTACK_BFF_CLIENT_SECRET",
			"dev-only-bff-client-secret-change-me", "AUTHSTACK_BFF_ADMIN_CLIENT_SECRET",
			"dev-only-bff-admin-client-secret-change-me", "AUTHSTACK_WORKER_CLIENT_SECRET",
			"dev-only-worker-client-secret-change-me");

	private static final String ADMIN_PASSWORD_VARIABLE = "AUTHSTACK_ADMIN_PASSWORD";

	/**
	 * Where the Google ID-token grant fetches Google's keys: this system property, else the
	 * {@code AUTHSTACK_GOOGLE_JWKS_URL} variable, else the grant's default (Google's real JWKS).
	 */
	public static final String GOOGLE_JWKS_URL_PROPERTY = "authstack.google.jwks-url";

	private static final String GOOGLE_JWKS_URL_VARIABLE = "AUTHSTACK_GOOGLE_JWKS_URL";

	private final Path root;

	public AuthstackKeycloak(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/**
	 * The checkout this code runs from: the {@code authstack.root} system property (set by the build), else
	 * the nearest folder above the working directory that holds {@code realm-config/}.
	 */
	public static AuthstackKeycloak ofThisCheckout() {
		String configured = System.getProperty("authstack.root");
		if (configured != null && !configured.isBlank()) {
			return new AuthstackKeycloak(Path.of(configured));
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("realm-config")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return new AuthstackKeycloak(dir);
			}
		}
		throw new IllegalStateException("Not inside an authstack checkout; set -Dauthstack.root");
	}

	public Path root() {
		return this.root;
	}

	public Path providersJar() {
		return this.root.resolve("keycloak-providers/target/keycloak-providers.jar");
	}

	public Path realmDir() {
		return this.root.resolve("realm-config/src/main/realm");
	}

	/** The bootstrap admin's password: {@code AUTHSTACK_ADMIN_PASSWORD}, else the dev default. */
	public static String adminPassword() {
		return System.getenv().getOrDefault(ADMIN_PASSWORD_VARIABLE, "admin");
	}

	/**
	 * Prepares the Keycloak home under {@code installDir} and starts it with the realm imported.
	 * @param rabbitMqPort where our AMQP providers reach RabbitMQ on loopback (the broker, or a proxy to it)
	 * @param realmEnvironment values for the realm file's {@code ${VARIABLE:default}} placeholders
	 */
	public KeycloakServer start(Path installDir, PostgresDatabase database, int httpPort, int managementPort,
			int rabbitMqPort, Map<String, String> realmEnvironment, Path log, boolean detached) {
		Path home = prepare(installDir);
		stageRealm(home);
		List<String> options = new ArrayList<>(dataOptions(database, rabbitMqPort));
		options.addAll(List.of("--http-host=127.0.0.1", "--hostname-strict=false", "--import-realm",
				// The BFF forwards the browser's address; only the BFF, on loopback, is believed.
				// IPv4 only, as Keycloak listens: with ::1 in the list, requests to Keycloak now and then waited 5 s,
				// all those in flight at once (BENCHMARKS.md, issue 9).
				"--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1"));
		return KeycloakServer.start(home, httpPort, managementPort, options, environment(realmEnvironment), log,
				detached);
	}

	/**
	 * Runs a {@code kc.sh} command that works on the database with no server running ({@code export},
	 * {@code import}), with the same providers, options and environment as {@link #start}, and waits for it.
	 * @param arguments the command and its own options, e.g. {@code export --file=... --realm=authstack}
	 * @param log where its output goes, named when it fails
	 */
	public void runOffline(Path installDir, PostgresDatabase database, int rabbitMqPort,
			Map<String, String> realmEnvironment, List<String> arguments, Path log) {
		Path home = prepare(installDir);
		List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
		command.addAll(arguments);
		command.add("--optimized");
		command.addAll(dataOptions(database, rabbitMqPort));
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment(realmEnvironment));
			Process process = builder.start();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("kc.sh " + arguments.get(0) + " failed, see " + log + "; it ends:\n"
						+ String.join("\n", lastLines(log, 15)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run kc.sh " + arguments.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running kc.sh " + arguments.get(0), ex);
		}
	}

	private static List<String> lastLines(Path log, int count) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return lines.subList(Math.max(0, lines.size() - count), lines.size());
	}

	private Path prepare(Path installDir) {
		return new KeycloakDistribution(distributionZip(), installDir, List.of(providersJar()), BUILD_OPTIONS)
			.prepare();
	}

	/** What every command that opens the database needs: the database, and the broker our providers use. */
	private static List<String> dataOptions(PostgresDatabase database, int rabbitMqPort) {
		List<String> options = new ArrayList<>(List.of("--db-url=" + database.jdbcUrl(),
				"--db-username=" + PostgresDatabase.USER, "--spi-email-sender--amqp--host=127.0.0.1",
				"--spi-email-sender--amqp--port=" + rabbitMqPort, "--spi-events-listener--amqp--host=127.0.0.1",
				"--spi-events-listener--amqp--port=" + rabbitMqPort));
		googleJwksUrl().ifPresent((url) -> options.add("--spi-oauth2-grant-type--google-id-token--jwks-url=" + url));
		return options;
	}

	/**
	 * The server's environment besides what it inherits: the realm placeholders' values (Keycloak reads them
	 * from its environment on import; the development client secrets unless the caller sets its own) and the
	 * bootstrap admin.
	 */
	private static Map<String, String> environment(Map<String, String> realmEnvironment) {
		Map<String, String> environment = new HashMap<>(DEV_CLIENT_SECRETS);
		environment.putAll(realmEnvironment);
		environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
		environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword());
		return environment;
	}

	private static Optional<String> googleJwksUrl() {
		String configured = System.getProperty(GOOGLE_JWKS_URL_PROPERTY, System.getenv(GOOGLE_JWKS_URL_VARIABLE));
		return Optional.ofNullable(configured).filter((url) -> !url.isBlank());
	}

	/** Puts the realm files where {@code --import-realm} reads them, replacing earlier copies. */
	private void stageRealm(Path home) {
		Path importDir = home.resolve("data/import");
		try {
			Files.createDirectories(importDir);
			try (var old = Files.list(importDir); var realms = Files.list(realmDir())) {
				for (Path file : old.toList()) {
					Files.delete(file);
				}
				for (Path file : realms.filter((p) -> p.toString().endsWith(".json")).toList()) {
					Files.copy(file, importDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot stage the realm into " + importDir, ex);
		}
	}

	private static Path distributionZip() {
		Properties build = new Properties();
		try (InputStream in = AuthstackKeycloak.class.getResourceAsStream("build.properties")) {
			build.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Path.of(build.getProperty("keycloak.dist"));
	}

}
