package io.authstack.keycloak.firstparty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import io.authstack.testkit.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization challenge endpoint on the real Keycloak with the shipped realm, driven as the BFF drives it:
 * rounds of form posts with the client's secret, then the code at the token endpoint with the PKCE verifier.
 */
class AuthorizationChallengeIT {

	private static final String REALM = "authstack";

	private static final String CLIENT_ID = "authstack-bff";

	private static final String CLIENT_SECRET = "dev-only-bff-client-secret-change-me";

	private static final String ENDPOINT = "/first-party/authorization-challenge";

	private static final String PASSWORD = "correct horse battery staple";

	private static final String OTP_SECRET = "authstack-it-first-party-totp";

	private static KeycloakApi api;

	private final String verifier = verifier();

	@BeforeAll
	static void startKeycloak() {
		api = new KeycloakApi(TestKeycloak.get());
	}

	@Test
	void theDiscoveryDocumentNamesTheEndpoint() {
		String endpoint = api.get("/realms/" + REALM + "/.well-known/openid-configuration")
			.get("authorization_challenge_endpoint")
			.asString();

		assertThat(endpoint).endsWith("/realms/" + REALM + ENDPOINT);
	}

	@Test
	void theRightPasswordGetsACodeThatTheTokenEndpointExchangesWithThePkceVerifier() {
		String username = newUser();

		KeycloakApi.Answer answer = challenge(Map.of("username", username, "password", PASSWORD));

		assertThat(answer.status()).isEqualTo(200);
		KeycloakApi.Answer tokens = exchange(answer.body().get("authorization_code").asString(), this.verifier);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.body().has("access_token")).isTrue();
		assertThat(tokens.body().has("refresh_token")).isTrue();
	}

	@Test
	void aWrongPasswordIsRefusedAndCountsAsABruteForceFailure() {
		String username = newUser();
		String userId = userId(username);

		KeycloakApi.Answer answer = challenge(Map.of("username", username, "password", "wrong " + PASSWORD));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("access_denied");
		assertThat(answer.body().has("auth_session")).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> failures(userId) == 1);
	}

	@Test
	void anOtpUserSignsInInTwoRoundsAndTheFirstCostsNoBruteForceAttempt() {
		String username = newUserWithOtp();

		KeycloakApi.Answer first = challenge(Map.of("username", username, "password", PASSWORD));

		assertThat(first.status()).isEqualTo(400);
		assertThat(first.body().get("error").asString()).isEqualTo("insufficient_authorization");
		assertThat(first.body().get("next_step").asString()).isEqualTo("otp");
		// Keycloak counts failures in order, off the request thread: once a wrong password has been counted, a
		// failure counted for the first round would be too.
		challenge(Map.of("username", username, "password", "wrong " + PASSWORD));
		String userId = userId(username);
		await().atMost(Duration.ofSeconds(10)).until(() -> failures(userId) >= 1);
		assertThat(failures(userId)).isEqualTo(1);
		KeycloakApi.Answer second = challenge(
				Map.of("auth_session", first.body().get("auth_session").asString(), "otp", new Totp(OTP_SECRET).now()));
		assertThat(second.status()).isEqualTo(200);
		assertThat(exchange(second.body().get("authorization_code").asString(), this.verifier).status()).isEqualTo(200);
	}

	@Test
	void anAuthSessionIsSpentByTheRoundThatPresentsIt() {
		String username = newUserWithOtp();
		String authSession = challenge(Map.of("username", username, "password", PASSWORD)).body()
			.get("auth_session")
			.asString();
		assertThat(challenge(Map.of("auth_session", authSession, "otp", new Totp(OTP_SECRET).now())).status())
			.isEqualTo(200);

		KeycloakApi.Answer replay = challenge(Map.of("auth_session", authSession, "otp", new Totp(OTP_SECRET).now()));

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.body().get("error").asString()).isEqualTo("invalid_session");
	}

	@Test
	void aCodeIsExchangedOnceAndOnlyWithItsVerifier() {
		String code = challenge(Map.of("username", newUser(), "password", PASSWORD)).body()
			.get("authorization_code")
			.asString();

		assertThat(exchange(code, verifier()).status()).isEqualTo(400);
		String secondCode = challenge(Map.of("username", newUser(), "password", PASSWORD)).body()
			.get("authorization_code")
			.asString();
		assertThat(exchange(secondCode, this.verifier).status()).isEqualTo(200);
		KeycloakApi.Answer replay = exchange(secondCode, this.verifier);
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.body().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void aFirstRoundWithoutAnS256ChallengeIsAnInvalidRequest() {
		Map<String, String> form = new LinkedHashMap<>(clientAuthentication());
		form.putAll(Map.of("username", newUser(), "password", PASSWORD, "code_challenge", challengeOf(this.verifier),
				"code_challenge_method", "plain"));

		KeycloakApi.Answer answer = api.post(REALM, ENDPOINT, form, Map.of());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void aPublicClientIsRefused() {
		String clientId = "first-party-public-" + UUID.randomUUID();
		api.adminCreate("/admin/realms/" + REALM + "/clients", Map.of("clientId", clientId, "publicClient", true,
				"attributes", Map.of(AuthorizationChallengeResourceFactory.CLIENT_ATTRIBUTE, "true")));

		KeycloakApi.Answer answer = api.post(REALM, ENDPOINT,
				Map.of("client_id", clientId, "username", newUser(), "password", PASSWORD, "code_challenge",
						challengeOf(this.verifier), "code_challenge_method", "S256"),
				Map.of());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void aWrongClientSecretIsRefusedAsTheTokenEndpointRefusesIt() {
		KeycloakApi.Answer answer = api.post(REALM, ENDPOINT, Map.of("client_id", CLIENT_ID,
				"client_secret", "not the secret", "username", newUser(), "password", PASSWORD), Map.of());

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
	}

	/** A round: the first carries the PKCE challenge, later ones their auth_session. */
	private KeycloakApi.Answer challenge(Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(clientAuthentication());
		if (!fields.containsKey("auth_session")) {
			form.put("code_challenge", challengeOf(this.verifier));
			form.put("code_challenge_method", "S256");
		}
		form.putAll(fields);
		return api.post(REALM, ENDPOINT, form, Map.of());
	}

	private static KeycloakApi.Answer exchange(String code, String verifier) {
		Map<String, String> form = new LinkedHashMap<>(clientAuthentication());
		form.putAll(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", verifier));
		return api.token(REALM, form);
	}

	private static Map<String, String> clientAuthentication() {
		return Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET);
	}

	private static String newUser() {
		String username = "fp-" + UUID.randomUUID();
		api.createUser(REALM, username, username + "@example.test", PASSWORD);
		return username;
	}

	private static String newUserWithOtp() {
		String username = "fp-otp-" + UUID.randomUUID();
		api.createUserWithOtp(REALM, username, username + "@example.test", PASSWORD, OTP_SECRET);
		return username;
	}

	private static String userId(String username) {
		return api.adminGet("/admin/realms/" + REALM + "/users?exact=true&username=" + username).get(0).get("id").asString();
	}

	private static int failures(String userId) {
		return api.adminGet("/admin/realms/" + REALM + "/attack-detection/brute-force/users/" + userId)
			.get("numFailures")
			.asInt();
	}

	private static String verifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challengeOf(String verifier) {
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
