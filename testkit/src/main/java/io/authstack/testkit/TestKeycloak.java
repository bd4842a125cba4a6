package io.authstack.testkit;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one Keycloak of a test JVM: started on first use on free ports, backed by a fresh PostgreSQL
 * database, stopped (and the database dropped) when the JVM exits. Its log is {@code target/keycloak.log}
 * of the module under test. It reaches RabbitMQ through a {@link TcpProxy} that tests may cut
 * ({@link #rabbitMqLink()}) to see what Keycloak does while the broker is away. Its Google ID-token
 * grant trusts the JVM's {@link #google() fake Google}.
 */
public final class TestKeycloak {

	/** The realm's default {@code AUTHSTACK_GOOGLE_CLIENT_ID}. */
	public static final String GOOGLE_CLIENT_ID = "dev-only-google-client-id.apps.googleusercontent.com";

	private static KeycloakServer server;

	private static Map<String, String> startedWith;

	private static TcpProxy rabbitMqLink;

	private static FakeGoogle google;

	private TestKeycloak() {
	}

	public static KeycloakServer get() {
		return get(Map.of());
	}

	/**
	 * @param realmEnvironment values for the realm's placeholders; every caller in one JVM must agree
	 */
	public static synchronized KeycloakServer get(Map<String, String> realmEnvironment) {
		if (server != null) {
			if (!startedWith.equals(realmEnvironment)) {
				throw new IllegalStateException("Keycloak already runs with realm settings " + startedWith.keySet()
						+ "; this test asks for " + realmEnvironment.keySet());
			}
			return server;
		}
		FakeGoogle fakeGoogle = google();
		System.setProperty(AuthstackKeycloak.GOOGLE_JWKS_URL_PROPERTY, fakeGoogle.jwksUrl());
		AuthstackKeycloak keycloak = AuthstackKeycloak.ofThisCheckout();
		PostgresDatabase database = new PostgresDatabase("authstack_it_" + ProcessHandle.current().pid() + "_"
				+ System.currentTimeMillis()).createIfAbsent();
		TcpProxy link = TcpProxy.to(LocalService.RABBITMQ.require().host(), LocalService.RABBITMQ.port());
		KeycloakServer started = keycloak.start(keycloak.root().resolve("target/keycloak-it"), database,
				FreePorts.next(), FreePorts.next(), link.port(), realmEnvironment, Path.of("target/keycloak.log"),
				false);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			started.close();
			link.close();
			database.drop();
		}, "keycloak-stop"));
		rabbitMqLink = link;
		server = started;
		startedWith = Map.copyOf(realmEnvironment);
		return server;
	}

	/** The test Keycloak's connection to RabbitMQ; {@link #get} starts it. */
	public static synchronized TcpProxy rabbitMqLink() {
		if (rabbitMqLink == null) {
			throw new IllegalStateException("Keycloak is not started: call TestKeycloak.get() first");
		}
		return rabbitMqLink;
	}

	/**
	 * The fake Google issuer of this JVM, started on first use; its tokens are issued to the realm's development
	 * Google client id, {@link #GOOGLE_CLIENT_ID}.
	 */
	public static synchronized FakeGoogle google() {
		if (google == null) {
			google = FakeGoogle.start(GOOGLE_CLIENT_ID);
		}
		return google;
	}

}
