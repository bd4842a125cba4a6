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
			"--spi-email-sender--provider=amqp");

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
		Path home = new KeycloakDistribution(distributionZip(), installDir, List.of(providersJar()), BUILD_OPTIONS)
			.prepare();
		stageRealm(home);
		List<String> options = new ArrayList<>(List.of("--db-url=" + database.jdbcUrl(),
				"--db-username=" + PostgresDatabase.USER, "--http-host=127.0.0.1", "--hostname-strict=false",
				"--import-realm",
				// The BFF forwards the browser's address; only the BFF, on loopback, is believed.
				"--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1,::1",
				"--spi-email-sender--amqp--host=127.0.0.1", "--spi-email-sender--amqp--port=" + rabbitMqPort,
				"--spi-events-listener--amqp--host=127.0.0.1", "--spi-events-listener--amqp--port=" + rabbitMqPort));
		googleJwksUrl().ifPresent((url) -> options.add("--spi-oauth2-grant-type--google-id-token--jwks-url=" + url));
		Map<String, String> environment = new HashMap<>(realmEnvironment);
		environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
		environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword());
		return KeycloakServer.start(home, httpPort, managementPort, options, environment, log, detached);
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
