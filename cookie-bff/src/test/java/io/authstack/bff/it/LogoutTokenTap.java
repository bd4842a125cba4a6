package io.authstack.bff.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What an attacker on the path between Keycloak and the BFF sees: a loopback HTTP server that Keycloak posts its
 * back-channel logout to, which keeps the logout token and passes the request on to the BFF unchanged.
 */
final class LogoutTokenTap implements AutoCloseable {

	private final HttpServer server;

	private final URI target;

	private final HttpClient client = HttpClient.newHttpClient();

	private volatile String captured;

	private volatile int forwardedStatus;

	LogoutTokenTap(int port, URI target) {
		this.target = target;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::tap);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/backchannel-logout";
	}

	/** The last logout token that went through, or null. */
	String captured() {
		return this.captured;
	}

	/** The BFF's answer to the request that went through. */
	int forwardedStatus() {
		return this.forwardedStatus;
	}

	private void tap(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
			String form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			HttpResponse<byte[]> answer = this.client.send(HttpRequest.newBuilder(this.target)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			this.forwardedStatus = answer.statusCode();
			this.captured = logoutToken(form);
			exchange.sendResponseHeaders(answer.statusCode(), (answer.body().length == 0) ? -1 : answer.body().length);
			out.write(answer.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.sendResponseHeaders(502, -1);
		}
	}

	private static String logoutToken(String form) {
		return Arrays.stream(form.split("&"))
			.filter((pair) -> pair.startsWith("logout_token="))
			.map((pair) -> URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.UTF_8))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
