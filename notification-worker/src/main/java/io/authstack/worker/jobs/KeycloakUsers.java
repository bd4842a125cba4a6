package io.authstack.worker.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The users of one realm, through Keycloak's admin REST API as the worker's service account (OAuth 2.0
 * client credentials, a fresh token per job run).
 *
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html#_users">Keycloak admin REST
 * API: users</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4: client credentials</a>
 */
final class KeycloakUsers {

	private static final int PAGE_SIZE = 100;

	private final RestClient http;

	private final UnverifiedAccountsProperties properties;

	KeycloakUsers(RestClient.Builder http, UnverifiedAccountsProperties properties) {
		Assert.notNull(properties.keycloakUrl(), "keycloakUrl cannot be null");
		this.http = http.baseUrl(properties.keycloakUrl().toString()).build();
		this.properties = properties;
	}

	/**
	 * @return every user of the realm with an email that is not verified, except service accounts and
	 * users of a federated store (not ours to delete)
	 */
	List<UnverifiedUser> unverified() {
		String token = accessToken();
		List<UnverifiedUser> users = new ArrayList<>();
		for (int first = 0;; first += PAGE_SIZE) {
			JsonNode page = this.http.get()
				.uri("/admin/realms/{realm}/users?emailVerified=false&briefRepresentation=false&first={first}&max={max}",
						this.properties.realm(), first, PAGE_SIZE)
				.headers((headers) -> headers.setBearerAuth(token))
				.retrieve()
				.body(JsonNode.class);
			if (page == null || page.isEmpty()) {
				return users;
			}
			for (JsonNode user : page) {
				if (isOwnUnverifiedPerson(user)) {
					users.add(new UnverifiedUser(user.get("id").asString(),
							Instant.ofEpochMilli(user.get("createdTimestamp").asLong())));
				}
			}
			if (page.size() < PAGE_SIZE) {
				return users;
			}
		}
	}

	void delete(List<String> userIds) {
		String token = accessToken();
		for (String id : userIds) {
			this.http.delete()
				.uri("/admin/realms/{realm}/users/{id}", this.properties.realm(), id)
				.headers((headers) -> headers.setBearerAuth(token))
				.retrieve()
				.toBodilessEntity();
		}
	}

	private static boolean isOwnUnverifiedPerson(JsonNode user) {
		return !user.path("emailVerified").asBoolean(false) && !user.path("email").asString("").isBlank()
				&& user.path("serviceAccountClientId").isMissingNode() && user.path("federationLink").isMissingNode()
				&& !user.path("username").asString("").startsWith("service-account-")
				&& user.hasNonNull("createdTimestamp");
	}

	private String accessToken() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.properties.clientId());
		form.add("client_secret", this.properties.clientSecret());
		JsonNode tokens = this.http.post()
			.uri("/realms/{realm}/protocol/openid-connect/token", this.properties.realm())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(JsonNode.class);
		Assert.state(tokens != null && tokens.hasNonNull("access_token"), "Keycloak issued no access token");
		return tokens.get("access_token").asString();
	}

	/**
	 * @param id the Keycloak user id
	 * @param createdAt when the account was created
	 */
	record UnverifiedUser(String id, Instant createdAt) {
	}

}
