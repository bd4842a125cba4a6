package io.authstack.worker.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin REST calls the purge test needs beyond the testkit's {@code KeycloakApi} (which creates only
 * verified users and reads): creating a service-account client and unverified users, as the bootstrap admin.
 */
final class KeycloakAdmin {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeycloakServer server;

	KeycloakAdmin(KeycloakServer server) {
		this.server = server;
	}

	/** POSTs a representation; returns the created resource's id from {@code Location}. */
	String create(String path, Object representation) {
		HttpResponse<String> response = send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(representation)))
			.build());
		expect(response, 201);
		String location = response.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	void post(String path, Object representation) {
		HttpResponse<String> response = send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(representation)))
			.build());
		expect(response, 204);
	}

	JsonNode get(String path) {
		HttpResponse<String> response = send(request(path).GET().build());
		expect(response, 200);
		return JSON.readTree(response.body());
	}

	boolean exists(String path) {
		int status = send(request(path).GET().build()).statusCode();
		if (status != 200 && status != 404) {
			throw new IllegalStateException("GET " + path + " answered " + status);
		}
		return status == 200;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.server.baseUrl() + path))
			.header("Authorization", "Bearer " + adminToken());
	}

	private String adminToken() {
		String form = "grant_type=password&client_id=admin-cli&username="
				+ URLEncoder.encode(AuthstackKeycloak.ADMIN_USERNAME, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(AuthstackKeycloak.adminPassword(), StandardCharsets.UTF_8);
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.server.realmUrl("master") + "/protocol/openid-connect/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build());
		expect(response, 200);
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private static void expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri()
					+ " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycloak did not answer " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted calling " + request.uri(), ex);
		}
	}

}
