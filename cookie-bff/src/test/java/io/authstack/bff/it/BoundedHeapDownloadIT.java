package io.authstack.bff.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.FreePorts;
import io.authstack.testkit.LocalService;
import io.authstack.testkit.ServerProcess;
import io.authstack.testkit.ServiceJvm;
import io.authstack.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BFF as it ships, its runnable jar in a JVM of its own with the shipped heap ({@link ServiceJvm}: 64 MB), relays
 * a 50 MB download from the demo API. A relay that held the body in memory would need a 50 MB array (and a copy of
 * it) in a heap whose live data alone is about 30 MB: the download would fail and the log would show an
 * {@link OutOfMemoryError}. The other ITs run the BFF in the tests' own JVM, whose heap says nothing about this.
 */
class BoundedHeapDownloadIT extends BffIntegrationTest {

	private static final long FIFTY_MEGABYTES = 50L * 1024 * 1024;

	private static final Path LOG = Path.of("target/cookie-bff-shipped-heap.log");

	private static ServiceProcess shipped;

	@BeforeAll
	static void startTheShippedBff() {
		int port = FreePorts.next();
		String origin = "http://127.0.0.1:" + port;
		shipped = ServiceProcess.start(AuthstackKeycloak.ofThisCheckout().root(), "cookie-bff", port, FreePorts.next(),
				List.of(
				"--spring.profiles.active=dev", "--authstack.bff.public-url=" + origin,
				"--authstack.bff.keycloak.issuer=" + KEYCLOAK.realmUrl(AuthstackKeycloak.REALM),
				"--authstack.bff.cookie.keys[0].kid=" + CURRENT_KEY.kid(),
				"--authstack.bff.cookie.keys[0].secret=" + CURRENT_KEY.secret(),
				"--spring.data.redis.port=" + REDIS.port(), "--spring.data.redis.password=" + REDIS.password(),
				"--spring.rabbitmq.host=" + LocalService.RABBITMQ.host(),
				"--spring.rabbitmq.port=" + LocalService.RABBITMQ.port(),
				// A queue of its own on the shared broker, gone a while after the run.
				"--authstack.bff.revocation.admin-events-queue=authstack.bff.admin-events.it-heap-" + UUID.randomUUID(),
				"--authstack.bff.revocation.admin-events-queue-expiry=10m",
				"--authstack.bff.apis[0].id=demo", "--authstack.bff.apis[0].path-prefix=/api/demo",
				"--authstack.bff.apis[0].target=" + DEMO_API.baseUrl(), "--authstack.bff.apis[0].token=required",
				"--authstack.bff.apis[0].audience=demo-api", "--authstack.bff.apis[0].scope=demo-api"), LOG);
	}

	@AfterAll
	static void stopTheShippedBff() {
		if (shipped != null) {
			shipped.close();
		}
	}

	@Test
	void aFiftyMegabyteDownloadPassesThroughTheBffWithItsShippedHeap() throws Exception {
		assertThat(jvmArguments(shipped.pid())).as("the BFF's JVM runs with the shipped memory options")
			.containsAll(ServiceJvm.MEMORY_OPTIONS);
		Browser browser = new Browser(shipped.baseUrl().toString(), USER_AGENT);
		assertThat(browser.login(newUser().username(), PASSWORD).status()).isEqualTo(200);

		HttpResponse<InputStream> download = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(shipped.baseUrl().resolve("/api/demo/bytes?n=" + FIFTY_MEGABYTES))
				.timeout(Duration.ofMinutes(2))
				.header("User-Agent", USER_AGENT)
				.header("Accept-Language", "en-GB,en;q=0.8")
				.header("Cookie", ACCESS_COOKIE + "=" + browser.cookie(ACCESS_COOKIE).orElseThrow())
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		long received;
		try (InputStream body = download.body()) {
			received = patternBytes(body);
		}

		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(received).as("bytes that arrived in the demo API's order").isEqualTo(FIFTY_MEGABYTES);
		assertThat(shipped.pid()).matches((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
				"is alive");
		assertThat(ServerProcess.answersOk(shipped.managementUrl().resolve("/actuator/health"))).isTrue();
		assertThat(Files.readString(LOG)).doesNotContain("OutOfMemoryError");
	}

	/**
	 * Reads the body to its end and counts the bytes that follow the demo API's pattern (byte {@code i} is
	 * {@code i % 256}); the first byte out of place ends the count, so a truncated or garbled body cannot pass.
	 */
	private static long patternBytes(InputStream body) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long position = 0;
		for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
			for (int i = 0; i < read; i++, position++) {
				if (buffer[i] != (byte) position) {
					return position;
				}
			}
		}
		return position;
	}

	private static List<String> jvmArguments(long pid) {
		return ProcessHandle.of(pid).flatMap((process) -> process.info().arguments()).map(List::of).orElse(List.of());
	}

}
