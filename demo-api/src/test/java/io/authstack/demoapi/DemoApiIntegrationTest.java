package io.authstack.demoapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.LocalService;
import io.authstack.testkit.TestKeycloak;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one application context of every demo API integration test: the API on a random port, checking tokens
 * against the JVM's real Keycloak and its realm. A test gets a user's tokens the way the BFF does: the password
 * grant of {@code authstack-bff}, then the standard token exchange for audience {@code demo-api}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DemoApiIntegrationTest {

	protected static final String BFF = "authstack-bff";

	protected static final String BFF_SECRET = AuthstackKeycloak.DEV_CLIENT_SECRETS.get("AUTHSTACK_BFF_CLIENT_SECRET");

	protected static final String AUDIENCE = "demo-api";

	protected static final String PASSWORD = "correct horse battery staple";

	protected static final KeycloakServer KEYCLOAK;

	protected static final KeycloakApi KEYCLOAK_API;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	static {
		LocalService.POSTGRESQL.require();
		LocalService.RABBITMQ.require();
		KEYCLOAK = TestKeycloak.get();
		KEYCLOAK_API = new KeycloakApi(KEYCLOAK);
	}

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void tokenProperties(DynamicPropertyRegistry registry) {
		registry.add("authstack.demo-api.token.issuer", () -> KEYCLOAK.realmUrl(AuthstackKeycloak.REALM));
	}

	/** A fresh user of the realm, signed in through the BFF's client: its access token is the BFF's own. */
	protected static User signedInUser() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		String id = KEYCLOAK_API.createUser(AuthstackKeycloak.REALM, username, username + "@example.test", PASSWORD);
		String accessToken = KEYCLOAK_API.passwordGrant(AuthstackKeycloak.REALM, BFF, BFF_SECRET, username, PASSWORD)
			.get("access_token")
			.asString();
		return new User(id, username, accessToken);
	}

	/** What the BFF sends before relaying a call: the user's token traded for one meant for the demo API. */
	protected static String exchangedForDemoApi(User user) {
		KeycloakApi.Answer exchange = KEYCLOAK_API.exchangeToken(AuthstackKeycloak.REALM, BFF, BFF_SECRET,
				user.accessToken(), AUDIENCE, AUDIENCE);
		if (exchange.status() != 200) {
			throw new IllegalStateException("Token exchange answered " + exchange.status() + ": " + exchange.body());
		}
		return exchange.body().get("access_token").asString();
	}

	protected URI url(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	/** A GET with the token (none when {@code null}) and these headers, its body read as a string. */
	protected HttpResponse<String> get(String pathAndQuery, String token, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(pathAndQuery));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<InputStream> stream(HttpRequest request) {
		return send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	protected static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return HTTP.send(request, body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer from " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted calling " + request.uri(), ex);
		}
	}

	protected record User(String id, String username, String accessToken) {
	}

}
