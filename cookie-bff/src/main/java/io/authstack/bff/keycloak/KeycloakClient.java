package io.authstack.bff.keycloak;

import java.net.URI;

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

/**
 * The BFF's calls to Keycloak's OIDC endpoints as a confidential client, each bounded by the configured
 * timeouts: a Keycloak that is down or slow becomes {@link UpstreamUnavailableException}, an OAuth error
 * becomes {@link GrantRejectedException}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.3">RFC 6749 §4.3 password grant</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6 refresh</a>
 */
@Component
public final class KeycloakClient {

	/** The grant type of {@code GoogleIdTokenGrantTypeFactory} in keycloak-providers. */
	static final String GOOGLE_ID_TOKEN_GRANT = "urn:authstack:params:oauth:grant-type:google-id-token";

	/** The grant's {@code error_description} when a concurrent request created or linked the account first. */
	static final String GOOGLE_SIGN_IN_CONFLICT = "google_sign_in_conflict";

	private final KeycloakProperties properties;

	private final RestClient http;

	private final JsonMapper json;

	public KeycloakClient(KeycloakProperties properties, JsonMapper json, KeycloakMeters meters) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(meters, "meters cannot be null");
		this.properties = properties;
		this.json = json;
		this.http = KeycloakHttp.restClient(properties, meters);
	}

	/** The resource owner password grant, on behalf of the browser described by {@code client}. */
	public TokenResponse passwordGrant(String username, String password, String otp, ForwardedClient client) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", "password");
		form.add("username", username);
		form.add("password", password);
		if (otp != null) {
			// The parameter Keycloak's direct-grant OTP step reads.
			form.add("otp", otp);
		}
		return tokenRequest(form, client);
	}

	/**
	 * Exchanges a Google ID token for tokens of ours through authstack's own grant type in Keycloak,
	 * which verifies it (its {@code nonce} must be {@code nonce}), spends it and finds, links or creates the user.
	 */
	public TokenResponse googleIdToken(String idToken, String nonce, ForwardedClient client) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", GOOGLE_ID_TOKEN_GRANT);
		form.add("id_token", idToken);
		form.add("nonce", nonce);
		Outcome outcome = post("token", form, client);
		if (isSignInConflict(outcome)) {
			// Another request signed this Google account up or linked it at the same moment and won (two tabs,
			// a double click): the same token now finds the account, Keycloak having given back the token it had
			// spent on the lost race. Once; a second conflict goes to the client.
			outcome = post("token", form, client);
		}
		return tokens(outcome);
	}

	/**
	 * Exchanges an authorization code, proving possession of the PKCE verifier.
	 *
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.5">RFC 7636 §4.5</a>
	 */
	public TokenResponse authorizationCode(String code, URI redirectUri, String codeVerifier, ForwardedClient client) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		form.add("redirect_uri", redirectUri.toString());
		form.add("code_verifier", codeVerifier);
		return tokenRequest(form, client);
	}

	/**
	 * Standard token exchange: the user's access token for one whose audience is only {@code audience}, for an
	 * API the BFF calls on the user's behalf. Keycloak answers with an access token and no refresh token.
	 *
	 * @param scope the client scope that puts the audience in the token, or {@code null}
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693">RFC 8693 OAuth 2.0 Token Exchange</a>
	 */
	public TokenResponse exchange(String subjectToken, String audience, String scope) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
		form.add("subject_token", subjectToken);
		form.add("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
		form.add("requested_token_type", "urn:ietf:params:oauth:token-type:access_token");
		form.add("audience", audience);
		if (scope != null) {
			form.add("scope", scope);
		}
		Outcome outcome = post("token", form, null);
		if (outcome.status().value() != 200) {
			throw rejection(outcome, "token exchange");
		}
		TokenResponse tokens = this.json.readValue(outcome.body(), TokenResponse.class);
		if (tokens.accessToken() == null) {
			throw new UpstreamUnavailableException("token exchange answer without a token", null);
		}
		return tokens;
	}

	/** Keycloak's authorization endpoint, where the browser is sent to log in. */
	public URI authorizationEndpoint() {
		return this.properties.endpoint("auth");
	}

	public TokenResponse refresh(String refreshToken, ForwardedClient client) {
		MultiValueMap<String, String> form = clientForm();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", refreshToken);
		return tokenRequest(form, client);
	}

	/**
	 * Ends the Keycloak session the refresh token belongs to.
	 *
	 * @see <a href="https://www.keycloak.org/securing-apps/oidc-layers#_logout">Keycloak logout endpoint</a>
	 */
	public void logout(String refreshToken) {
		MultiValueMap<String, String> form = clientForm();
		form.add("refresh_token", refreshToken);
		Outcome outcome = post("logout", form, null);
		if (!outcome.status().is2xxSuccessful()) {
			throw rejection(outcome, "logout");
		}
	}

	private TokenResponse tokenRequest(MultiValueMap<String, String> form, ForwardedClient client) {
		return tokens(post("token", form, client));
	}

	private TokenResponse tokens(Outcome outcome) {
		if (outcome.status().value() != 200) {
			throw rejection(outcome, "token");
		}
		TokenResponse tokens = this.json.readValue(outcome.body(), TokenResponse.class);
		if (tokens.accessToken() == null || tokens.refreshToken() == null) {
			throw new UpstreamUnavailableException("token response without tokens", null);
		}
		return tokens;
	}

	private RuntimeException rejection(Outcome outcome, String endpoint) {
		if (outcome.status().is4xxClientError()) {
			JsonNode error = oauthError(outcome.body());
			if (error != null) {
				return new GrantRejectedException(error.get("error").asString(),
						error.path("error_description").asString(null));
			}
		}
		return new UpstreamUnavailableException("Keycloak " + endpoint + " answered " + outcome.status(), null);
	}

	private Outcome post(String endpoint, MultiValueMap<String, String> form, ForwardedClient client) {
		try {
			return this.http.post()
				.uri(this.properties.endpoint(endpoint))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> {
					if (client != null) {
						headers.set("X-Forwarded-For", client.address());
						client.headers().forEach(headers::set);
					}
				})
				.body(form)
				.exchange((request, response) -> new Outcome(response.getStatusCode(),
						response.getBody().readAllBytes()));
		}
		catch (RestClientException ex) {
			throw new UpstreamUnavailableException("Keycloak " + endpoint + " unreachable", ex);
		}
	}

	/** Keycloak's Google grant lost a race to create or link the same account: {@code 503 google_sign_in_conflict}. */
	private boolean isSignInConflict(Outcome outcome) {
		JsonNode error = (outcome.status().value() == 503) ? oauthError(outcome.body()) : null;
		return error != null && GOOGLE_SIGN_IN_CONFLICT.equals(error.path("error_description").asString(null));
	}

	/** The OAuth error object ({@code error}, {@code error_description}), or {@code null}. */
	private JsonNode oauthError(byte[] body) {
		try {
			JsonNode answer = this.json.readTree(body);
			return (answer.path("error").isString()) ? answer : null;
		}
		catch (RuntimeException ex) {
			// Not JSON: a proxy's error page, say. The caller reports Keycloak as unavailable.
			return null;
		}
	}

	private MultiValueMap<String, String> clientForm() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", this.properties.clientId());
		form.add("client_secret", this.properties.clientSecret());
		return form;
	}

	private record Outcome(HttpStatusCode status, byte[] body) {
	}

}
