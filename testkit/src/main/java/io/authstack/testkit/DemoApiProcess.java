package io.authstack.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo API as it ships, in a JVM of its own on a free loopback port, accepting the tokens of a test Keycloak's
 * realm that are meant for it ({@code aud} {@code demo-api}): what a relay's integration tests call through the
 * BFF, and what the benchmarks relay to. Stop it with {@link #close()}.
 */
public final class DemoApiProcess implements AutoCloseable {

	public static final String MODULE = "demo-api";

	private final ServiceProcess process;

	private DemoApiProcess(ServiceProcess process) {
		this.process = process;
	}

	/**
	 * Starts the jar {@code ./mvnw package} built in this checkout's {@code demo-api/target}, logging to
	 * {@code target/demo-api.log} of the module under test.
	 */
	public static DemoApiProcess start(KeycloakServer keycloak) {
		return start(keycloak, Path.of("target/" + MODULE + ".log"));
	}

	/** {@link #start(KeycloakServer)}, logging to {@code log}. */
	public static DemoApiProcess start(KeycloakServer keycloak, Path log) {
		String issuer = keycloak.realmUrl(AuthstackKeycloak.REALM);
		return new DemoApiProcess(ServiceProcess.start(AuthstackKeycloak.ofThisCheckout().root(), MODULE,
				FreePorts.next(), List.of("--authstack.demo-api.token.issuer=" + issuer), log));
	}

	/** E.g. {@code http://127.0.0.1:41234}; the API's paths ({@code /whoami}, ...) are right below it. */
	public URI baseUrl() {
		return this.process.baseUrl();
	}

	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.close();
	}

}
