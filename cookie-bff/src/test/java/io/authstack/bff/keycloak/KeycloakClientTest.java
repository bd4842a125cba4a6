package io.authstack.bff.keycloak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.authstack.bff.metrics.KeycloakMeters;
import io.authstack.testkit.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Keycloak that is down or hangs becomes {@code upstream_unavailable} within the configured timeout. */
class KeycloakClientTest {

	private static final ForwardedClient BROWSER = new ForwardedClient("192.0.2.1", Map.of("User-Agent", "test"));

	@Test
	void keycloakDownIsUpstreamUnavailable() {
		KeycloakClient client = client(FreePorts.next());

		assertThatThrownBy(() -> client.passwordGrant("ada", "secret", null, BROWSER))
			.isInstanceOf(UpstreamUnavailableException.class);
	}

	@Test
	void keycloakThatNeverAnswersIsUpstreamUnavailableWithinTheTimeout() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> holdConnections(silent), "silent-keycloak");
			acceptor.setDaemon(true);
			acceptor.start();
			KeycloakClient client = client(silent.getLocalPort());
			long start = System.nanoTime();

			assertThatThrownBy(() -> client.refresh("token", BROWSER)).isInstanceOf(UpstreamUnavailableException.class);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			acceptor.interrupt();
		}
	}

	private static void holdConnections(ServerSocket server) {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				// Accepted and never answered: a Keycloak stuck in a long GC pause.
				Socket held = server.accept();
				held.setKeepAlive(true);
			}
		}
		catch (IOException ex) {
			// The test closed the socket: nothing more to accept.
			Thread.currentThread().interrupt();
		}
	}

	private static KeycloakClient client(int port) {
		KeycloakProperties properties = new KeycloakProperties(
				URI.create("http://127.0.0.1:" + port + "/realms/authstack"), "authstack-bff", "secret", true,
				Duration.ofMillis(500), Duration.ofMillis(800), null);
		return new KeycloakClient(properties, JsonMapper.builder().build(), new KeycloakMeters(new SimpleMeterRegistry()));
	}

}
