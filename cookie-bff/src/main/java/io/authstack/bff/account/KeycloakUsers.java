package io.authstack.bff.account;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.authstack.bff.keycloak.KeycloakHttp;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.UpstreamUnavailableException;
import io.authstack.bff.metrics.KeycloakMeters;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The realm's users, through Keycloak's admin REST API as the service account {@code authstack-bff-admin}
 * (client credentials; it holds {@code view-users} and {@code manage-users} and nothing else). Keycloak stays
 * the user store and the judge of passwords: its realm password policy decides, this class only reports the
 * rule that failed. Timeouts are the BFF's Keycloak timeouts; Keycloak down ⇒ {@link UpstreamUnavailableException}.
 *
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html#_users">Keycloak admin REST API:
 * users</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4 client credentials</a>
 */
@Component
public final class KeycloakUsers {

	/** Refetch the service account's token this long before it expires. */
	private static final long TOKEN_MARGIN_SECONDS = 30;

	private final RestClient http;

	private final JsonMapper json;

	private final AccountProperties account;

	private final URI tokenEndpoint;

	private final String usersPath;

	private volatile ServiceToken token;

	KeycloakUsers(KeycloakProperties keycloak, AccountProperties account, JsonMapper json, KeycloakMeters meters) {
		Assert.notNull(keycloak, "keycloak cannot be null");
		Assert.notNull(account, "account cannot be null");
		Assert.notNull(json, "json cannot be null");
		this.account = account;
		this.json = json;
		String issuer = keycloak.issuer().toString().replaceAll("/+$", "");
		int realmsAt = issuer.lastIndexOf("/realms/");
		Assert.isTrue(realmsAt > 0, "The Keycloak issuer must end in /realms/<realm>: " + issuer);
		this.tokenEndpoint = URI.create(issuer + "/protocol/openid-connect/token");
		this.usersPath = issuer.substring(0, realmsAt) + "/admin" + issuer.substring(realmsAt) + "/users";
		this.http = KeycloakHttp.restClient(keycloak, meters);
	}

	/** The user whose email is exactly this one (emails are unique in the realm), if any. */
	Optional<User> findByEmail(String email) {
		return findExactly("email", email);
	}

	/** The user a login names: its username or, as the realm allows logging in with it, its email. */
	Optional<User> findByLogin(String login) {
		return findExactly("username", login).or(() -> findByEmail(login));
	}

	private Optional<User> findExactly(String field, String value) {
		Outcome outcome = call("GET", URI.create(this.usersPath + "?exact=true&briefRepresentation=false&" + field
				+ "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)), null);
		expect(outcome, 200, "user search");
		for (JsonNode user : this.json.readTree(outcome.body())) {
			if (value.equalsIgnoreCase(user.path(field).asString(""))) {
				return Optional.of(User.of(user));
			}
		}
		return Optional.empty();
	}

	/** Whether the user exists and may log in: false once an admin disabled or deleted it. */
	public boolean isEnabled(String id) {
		return findById(id).map(User::enabled).orElse(false);
	}

	Optional<User> findById(String id) {
		Outcome outcome = call("GET", userUri(id), null);
		if (outcome.status().value() == 404) {
			return Optional.empty();
		}
		expect(outcome, 200, "user lookup");
		return Optional.of(User.of(this.json.readTree(outcome.body())));
	}

	/**
	 * Creates an enabled user whose email is not verified yet (the realm's {@code verifyEmail} keeps them from
	 * logging in until it is), without a password.
	 *
	 * @return the new user's id, or empty when the username or the email is taken
	 */
	Optional<String> create(String username, String email, String firstName, String lastName) {
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("username", username);
		if (email != null) {
			user.put("email", email);
		}
		user.put("enabled", true);
		user.put("emailVerified", false);
		if (firstName != null) {
			user.put("firstName", firstName);
		}
		if (lastName != null) {
			user.put("lastName", lastName);
		}
		Outcome outcome = call("POST", URI.create(this.usersPath), user);
		if (outcome.status().value() == 409) {
			return Optional.empty();
		}
		expect(outcome, 201, "user creation");
		String location = outcome.location();
		Assert.state(location != null, "Keycloak created a user without a Location");
		return Optional.of(location.substring(location.lastIndexOf('/') + 1));
	}

	void delete(String id) {
		Outcome outcome = call("DELETE", userUri(id), null);
		if (outcome.status().value() != 404) {
			expect(outcome, 204, "user deletion");
		}
	}

	/**
	 * Sets the user's password, judged by the realm's password policy.
	 *
	 * @throws PasswordPolicyException naming the rule, when the policy refuses it
	 */
	void setPassword(String id, String password) {
		Outcome outcome = call("PUT", URI.create(userUri(id) + "/reset-password"),
				Map.of("type", "password", "value", password, "temporary", false));
		if (outcome.status().value() == 400) {
			JsonNode error = this.json.readTree(outcome.body());
			throw PasswordPolicyException.of(error.path("error").asString(""),
					error.path("error_description").asString(""));
		}
		expect(outcome, 204, "password change");
	}

	/** Marks the email verified and drops the pending verify-email action Keycloak may have added at a login. */
	void markEmailVerified(String id) {
		Outcome read = call("GET", userUri(id), null);
		expect(read, 200, "user lookup");
		ObjectNode user = (ObjectNode) this.json.readTree(read.body());
		user.put("emailVerified", true);
		ArrayNode actions = user.putArray("requiredActions");
		user.path("requiredActions").values().forEach((action) -> {
			if (!"VERIFY_EMAIL".equals(action.asString())) {
				actions.add(action);
			}
		});
		Outcome outcome = call("PUT", userUri(id), user);
		expect(outcome, 204, "user update");
	}

	/** Ends every Keycloak session of the user (Keycloak sends back-channel logouts to the clients). */
	public void logout(String id) {
		expect(call("POST", URI.create(userUri(id) + "/logout"), null), 204, "user logout");
	}

	/**
	 * Ends one Keycloak session, so its refresh token is dead at Keycloak too; one that is already gone
	 * (expired, logged out) is fine.
	 */
	public void endSession(String sessionId) {
		Assert.isTrue(sessionId.matches("[A-Za-z0-9_-]{1,128}"), "not a Keycloak session id");
		URI session = URI.create(this.usersPath.substring(0, this.usersPath.length() - "/users".length())
				+ "/sessions/" + sessionId);
		Outcome outcome = call("DELETE", session, null);
		if (outcome.status().value() != 404) {
			expect(outcome, 204, "session delete");
		}
	}

	/** The user's sessions in Keycloak, as the admin API lists them. */
	public List<UserSession> sessions(String id) {
		Outcome outcome = call("GET", URI.create(userUri(id) + "/sessions"), null);
		expect(outcome, 200, "session list");
		List<UserSession> sessions = new ArrayList<>();
		for (JsonNode session : this.json.readTree(outcome.body())) {
			sessions.add(UserSession.of(session));
		}
		return sessions;
	}

	private URI userUri(String id) {
		Assert.isTrue(id.matches("[A-Za-z0-9-]{1,64}"), "not a Keycloak user id");
		return URI.create(this.usersPath + "/" + id);
	}

	private Outcome call(String method, URI uri, Object body) {
		try {
			RestClient.RequestBodySpec request = this.http.method(org.springframework.http.HttpMethod.valueOf(method))
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> headers.setBearerAuth(accessToken()));
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsBytes(body));
			}
			return request.exchange((req, response) -> new Outcome(response.getStatusCode(),
					response.getBody().readAllBytes(), response.getHeaders().getFirst("Location")));
		}
		catch (RestClientException ex) {
			throw new UpstreamUnavailableException("Keycloak admin API unreachable", ex);
		}
	}

	private String accessToken() {
		ServiceToken current = this.token;
		if (current != null && Instant.now().isBefore(current.refreshAt())) {
			return current.value();
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.account.adminClientId());
		form.add("client_secret", this.account.adminClientSecret());
		Outcome outcome;
		try {
			outcome = this.http.post()
				.uri(this.tokenEndpoint)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((req, response) -> new Outcome(response.getStatusCode(), response.getBody().readAllBytes(),
						null));
		}
		catch (RestClientException ex) {
			throw new UpstreamUnavailableException("Keycloak token endpoint unreachable", ex);
		}
		expect(outcome, 200, "service account token");
		JsonNode tokens = this.json.readTree(outcome.body());
		String value = tokens.path("access_token").asString(null);
		if (value == null) {
			throw new UpstreamUnavailableException("token response without access_token", null);
		}
		long lifetime = tokens.path("expires_in").asLong(60);
		ServiceToken fresh = new ServiceToken(value,
				Instant.now().plusSeconds(Math.max(0, lifetime - TOKEN_MARGIN_SECONDS)));
		this.token = fresh;
		return fresh.value();
	}

	private static void expect(Outcome outcome, int status, String what) {
		if (outcome.status().value() != status) {
			throw new UpstreamUnavailableException("Keycloak " + what + " answered " + outcome.status(), null);
		}
	}

	/**
	 * A realm user as the accounts API needs it.
	 *
	 * @param id the Keycloak user id
	 * @param username the username
	 * @param email the email address (lowercase, as Keycloak stores it), or {@code null}
	 * @param emailVerified whether the address was verified
	 * @param enabled whether the account may log in at all
	 * @param requiredActions the actions pending on the account
	 */
	record User(String id, String username, String email, boolean emailVerified, boolean enabled,
			List<String> requiredActions) {

		static User of(JsonNode user) {
			List<String> actions = new ArrayList<>();
			user.path("requiredActions").values().forEach((action) -> actions.add(action.asString()));
			return new User(user.path("id").asString(), user.path("username").asString(),
					user.path("email").asString(null), user.path("emailVerified").asBoolean(false),
					user.path("enabled").asBoolean(false), List.copyOf(actions));
		}

	}

	/**
	 * One of a user's Keycloak sessions.
	 *
	 * @param id the session id, the {@code sid} of its tokens
	 * @param ipAddress the client address Keycloak saw at its start
	 * @param started when it started
	 * @param lastActive when it was last used (a login or a refresh)
	 */
	public record UserSession(String id, String ipAddress, Instant started, Instant lastActive) {

		static UserSession of(JsonNode session) {
			return new UserSession(session.path("id").asString(), session.path("ipAddress").asString(null),
					Instant.ofEpochMilli(session.path("start").asLong()),
					Instant.ofEpochMilli(session.path("lastAccess").asLong()));
		}

	}

	private record ServiceToken(String value, Instant refreshAt) {
	}

	private record Outcome(HttpStatusCode status, byte[] body, String location) {
	}

}
