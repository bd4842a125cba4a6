package io.authstack.demoapi.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.authstack.demoapi.DemoApiIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoints a relay is tested with: streamed bytes, the echo, the slow answer, and their limits. */
class TransferIT extends DemoApiIntegrationTest {

	private static String token;

	@BeforeAll
	static void tokenForTheDemoApi() {
		token = exchangedForDemoApi(signedInUser());
	}

	@Test
	void bytesStreamsExactlyTheBytesAskedForInTheirPatternWithoutContentLength() throws IOException {
		long n = 5L * 1024 * 1024 + 123;

		HttpResponse<InputStream> response = stream(withToken("/bytes?n=" + n).build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Length")).isEmpty();
		assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		try (InputStream body = response.body()) {
			assertThat(countCheckingPattern(body)).isEqualTo(n);
		}
	}

	@Test
	void bytesOverTheLimitIsA400ProblemNamingTheParameter() {
		HttpResponse<String> response = get("/bytes?n=" + (TransferController.MAX_BYTES + 1), token, Map.of());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asString()).isEqualTo("invalid_request");
		assertThat(json(response).get("detail").asString()).startsWith("n: ").contains("104857600");
	}

	@Test
	void bytesWithoutItsParameterIsA400Problem() {
		HttpResponse<String> response = get("/bytes?n=many", token, Map.of());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("code").asString()).isEqualTo("invalid_request");
	}

	@Test
	void echoAnswersTheBodyUnderItsContentType() {
		String body = "{\"greeting\":\"hello through the relay\"}";

		HttpResponse<String> response = send(withToken("/echo").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
		assertThat(response.body()).isEqualTo(body);
	}

	@Test
	void slowAnswersNoSoonerThanAsked() {
		long started = System.nanoTime();

		HttpResponse<String> response = get("/slow?ms=700", token, Map.of());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("delayedMillis").asLong()).isEqualTo(700);
	}

	@Test
	void slowOverThirtySecondsIsA400Problem() {
		HttpResponse<String> response = get("/slow?ms=30001", token, Map.of());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("code").asString()).isEqualTo("invalid_request");
	}

	private HttpRequest.Builder withToken(String pathAndQuery) {
		return HttpRequest.newBuilder(url(pathAndQuery)).header("Authorization", "Bearer " + token);
	}

	/** Reads the body to its end; byte {@code i} must be {@code i % 256}. */
	private static long countCheckingPattern(InputStream body) {
		byte[] buffer = new byte[8192];
		long count = 0;
		try {
			for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] != (byte) (count + i)) {
						throw new AssertionError("byte " + (count + i) + " is " + buffer[i]);
					}
				}
				count += read;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return count;
	}

}
