package io.authstack.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.authstack.worker.management.OperatorProperties;
import org.jspecify.annotations.Nullable;

/** HTTP to the worker's actuator on its management port, as anyone or as the operator. */
public final class ActuatorClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final OperatorProperties operator;

	ActuatorClient(int port, OperatorProperties operator) {
		this.port = port;
		this.operator = operator;
	}

	public int port() {
		return this.port;
	}

	/** Without credentials. */
	public HttpResponse<String> get(String path) {
		return send("GET", path, null, null);
	}

	public HttpResponse<String> asOperator(String method, String path, @Nullable String json) {
		return send(method, path, json, basic(this.operator.username(), this.operator.password()));
	}

	public HttpResponse<String> send(String method, String path, @Nullable String json,
			@Nullable String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
