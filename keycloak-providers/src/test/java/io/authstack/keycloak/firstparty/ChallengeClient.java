package io.authstack.keycloak.firstparty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.authstack.testkit.KeycloakApi;

/**
 * The shipped BFF client at the authorization challenge endpoint, as the BFF uses it: the first round with a
 * PKCE challenge of its own, later rounds with their {@code auth_session}, the code at the token endpoint with
 * the verifier. Every request carries {@code headers} (the browser's, as the BFF forwards them).
 */
public final class ChallengeClient {

	public static final String REALM = "authstack";

	public static final String ENDPOINT = "/first-party/authorization-challenge";

	static final String CLIENT_ID = "authstack-bff";

	static final String CLIENT_SECRET = "dev-only-bff-client-secret-change-me";

	private final KeycloakApi api;

	private final Map<String, String> headers;

	private final String verifier = verifier();

	public ChallengeClient(KeycloakApi api, Map<String, String> headers) {
		this.api = api;
		this.headers = headers;
	}

	/** The first round: the user's credentials, with the PKCE challenge. */
	public KeycloakApi.Answer start(String username, String password) {
		return post(Map.of("username", username, "password", password, "code_challenge", challengeOf(this.verifier),
				"code_challenge_method", "S256"));
	}

	/** A later round: its {@code auth_session} and the answers it was asked for. */
	public KeycloakApi.Answer next(String authSession, Map<String, String> answers) {
		Map<String, String> fields = new LinkedHashMap<>(answers);
		fields.put("auth_session", authSession);
		return post(fields);
	}

	/** Any request of this client to the endpoint: its credentials and {@code fields}. */
	public KeycloakApi.Answer post(Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
		form.putAll(fields);
		return this.api.post(REALM, ENDPOINT, form, this.headers);
	}

	/** The token request for a code, with this client's verifier. */
	public KeycloakApi.Answer exchange(String code) {
		return exchange(code, this.verifier);
	}

	/** The token request for a code, with {@code verifier}. */
	public KeycloakApi.Answer exchange(String code, String verifier) {
		return this.api.token(REALM, Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "grant_type",
				"authorization_code", "code", code, "code_verifier", verifier));
	}

	/** A PKCE verifier nobody used. */
	public static String verifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String challengeOf(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
