package io.authstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test asks of Keycloak over its public HTTP APIs: the OIDC token endpoint as a client would,
 * and the admin REST API as the bootstrap admin.
 */
public final class KeycloakApi {

	/** HTTP/1.1: Keycloak fails some h2c-upgraded requests, which the JDK client offers by default. */
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeycloakServer server;

	public KeycloakApi(KeycloakServer server) {
		this.server = server;
	}

	/** A token response of the resource owner password grant (direct grant flow). */
	public JsonNode passwordGrant(String realm, String clientId, String clientSecret, String username,
			String password) {
		return tokenRequest(realm, Map.of("grant_type", "password", "client_id", clientId, "client_secret",
				clientSecret, "username", username, "password", password, "scope", "openid"));
	}

	/**
	 * Standard token exchange (RFC 8693; Keycloak's standard token exchange, V2): {@code clientId} trades a user's
	 * access token issued to it for one meant for {@code audience}, asking for the optional client {@code scope}
	 * that puts the audience into the token (Keycloak refuses an audience no scope of the client grants). Answered
	 * whatever its status.
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693#section-2.1">RFC 8693 §2.1, the request</a>
	 */
	public Answer exchangeToken(String realm, String clientId, String clientSecret, String subjectToken,
			String audience, String scope) {
		return token(realm, Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "client_id",
				clientId, "client_secret", clientSecret, "subject_token", subjectToken, "subject_token_type",
				"urn:ietf:params:oauth:token-type:access_token", "audience", audience, "scope", scope));
	}

	/** Any token request, answered whatever its status: for asserting on errors too. */
	public Answer token(String realm, Map<String, String> form) {
		return token(realm, form, Map.of());
	}

	/** Any token request with these request headers (a User-Agent, say), answered whatever its status. */
	public Answer token(String realm, Map<String, String> form, Map<String, String> headers) {
		return post(realm, "/protocol/openid-connect/token", form, headers);
	}

	/**
	 * A form POST to an endpoint of the realm ({@code path} below the realm's URL), answered whatever its
	 * status.
	 */
	public Answer post(String realm, String path, Map<String, String> form, Map<String, String> headers) {
		HttpRequest.Builder request = formRequest(this.server.realmUrl(realm) + path, form);
		headers.forEach(request::header);
		HttpResponse<String> response = send(request.build());
		return new Answer(response.statusCode(), JSON.readTree(response.body()));
	}

	/** Creates an enabled user with a verified email and a password; returns the user's id. */
	public String createUser(String realm, String username, String email, String password) {
		return createUser(realm, username, email, List.of(passwordCredential(password)));
	}

	/**
	 * Creates an enabled user with a verified email, a password and an authenticator app (TOTP) keyed with
	 * {@code otpSecret}, whose codes {@link Totp} computes; returns the user's id.
	 */
	public String createUserWithOtp(String realm, String username, String email, String password, String otpSecret) {
		Map<String, Object> otp = Map.of("type", "otp", "userLabel", "phone", "secretData",
				JSON.writeValueAsString(Map.of("value", otpSecret)), "credentialData",
				"{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
		return createUser(realm, username, email, List.of(passwordCredential(password), otp));
	}

	private String createUser(String realm, String username, String email, List<Map<String, Object>> credentials) {
		Map<String, Object> user = Map.of("username", username, "email", email, "emailVerified", true, "enabled",
				true, "firstName", "Test", "lastName", "User", "credentials", credentials);
		return adminCreate("/admin/realms/" + realm + "/users", user);
	}

	private static Map<String, Object> passwordCredential(String password) {
		return Map.of("type", "password", "value", password, "temporary", false);
	}

	/** Whether a GET on the admin REST API finds the resource (200) rather than 404. */
	public boolean adminExists(String path) {
		HttpResponse<String> response = send(adminRequest(path).GET().build());
		if (response.statusCode() == 404) {
			return false;
		}
		expectStatus(response, 200);
		return true;
	}

	public boolean userExists(String realm, String username) {
		return !adminGet("/admin/realms/" + realm + "/users?exact=true&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8)).isEmpty();
	}

	/** GET on the admin REST API, e.g. {@code /admin/serverinfo}. */
	public JsonNode adminGet(String path) {
		HttpResponse<String> response = send(adminRequest(path).GET().build());
		expectStatus(response, 200);
		return JSON.readTree(response.body());
	}

	/**
	 * POST of a JSON body on the admin REST API, e.g. a new realm or a partial export.
	 * @return the answer's JSON, or a missing node when it has no body
	 */
	public JsonNode adminPost(String path, Object body) {
		HttpResponse<String> response = send(adminRequest(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
		expectSuccess(response);
		return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
	}

	/** PUT of a JSON body on the admin REST API; returns the status, e.g. 204, or 500 when Keycloak failed. */
	public int adminPutStatus(String path, Object body) {
		return send(adminRequest(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build()).statusCode();
	}

	/** PUT of a JSON body on the admin REST API, e.g. a partial realm update on {@code /admin/realms/authstack}. */
	public void adminPut(String path, Object body) {
		HttpResponse<String> response = send(adminRequest(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
		expectSuccess(response);
	}

	/** POST of a JSON body on the admin REST API that creates something; returns the new resource's id. */
	public String adminCreate(String path, Object body) {
		HttpResponse<String> response = send(adminRequest(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
		expectStatus(response, 201);
		String location = response.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	/** DELETE on the admin REST API, e.g. {@code /admin/realms/authstack/sessions/<id>} (a session's "Sign out"). */
	public void adminDelete(String path) {
		HttpResponse<String> response = send(adminRequest(path).DELETE().build());
		expectSuccess(response);
	}

	/** GET on a public endpoint, e.g. a realm's OIDC discovery document. */
	public JsonNode get(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.server.baseUrl() + path)).build());
		expectStatus(response, 200);
		return JSON.readTree(response.body());
	}

	private HttpRequest.Builder adminRequest(String path) {
		String token = tokenRequest("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username",
				AuthstackKeycloak.ADMIN_USERNAME, "password", AuthstackKeycloak.adminPassword()))
			.get("access_token")
			.asString();
		return HttpRequest.newBuilder(URI.create(this.server.baseUrl() + path)).header("Authorization", "Bearer " + token);
	}

	private JsonNode tokenRequest(String realm, Map<String, String> form) {
		HttpResponse<String> response = send(
				formRequest(this.server.realmUrl(realm) + "/protocol/openid-connect/token", form).build());
		expectStatus(response, 200);
		return JSON.readTree(response.body());
	}

	private static HttpRequest.Builder formRequest(String url, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	/** An HTTP status and its JSON body. */
	public record Answer(int status, JsonNode body) {
	}

	private static void expectStatus(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri()
					+ " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private static void expectSuccess(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 2) {
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
