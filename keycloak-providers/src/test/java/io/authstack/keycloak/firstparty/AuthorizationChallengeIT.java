package io.authstack.keycloak.firstparty;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import io.authstack.testkit.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization challenge endpoint on the real Keycloak with the shipped realm, driven as the BFF drives it:
 * rounds of form posts with the client's secret, then the code at the token endpoint with the PKCE verifier.
 */
class AuthorizationChallengeIT {

	private static final String REALM = ChallengeClient.REALM;

	private static final String ENDPOINT = ChallengeClient.ENDPOINT;

	private static final String PASSWORD = "correct horse battery staple";

	private static final String OTP_SECRET = "authstack-it-first-party-totp";

	private static KeycloakApi api;

	private final ChallengeClient client = new ChallengeClient(api, Map.of());

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

		KeycloakApi.Answer answer = this.client.start(username, PASSWORD);

		assertThat(answer.status()).isEqualTo(200);
		KeycloakApi.Answer tokens = this.client.exchange(answer.body().get("authorization_code").asString());
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.body().has("access_token")).isTrue();
		assertThat(tokens.body().has("refresh_token")).isTrue();
	}

	@Test
	void aSignInIsRecordedAsKeycloaksLoginEventOfTheClient() {
		String username = newUser();
		String userId = userId(username);

		assertThat(this.client.start(username, PASSWORD).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> !api
			.adminGet("/admin/realms/" + REALM + "/events?type=LOGIN&user=" + userId)
			.isEmpty());
		JsonNode login = api.adminGet("/admin/realms/" + REALM + "/events?type=LOGIN&user=" + userId).get(0);
		assertThat(login.get("clientId").asString()).isEqualTo(ChallengeClient.CLIENT_ID);
		assertThat(login.get("details").get("auth_type").asString()).isEqualTo("authorization_challenge");
	}

	@Test
	void aDisabledUserIsRefusedWithoutAnAuthSession() {
		String username = newUser();
		api.adminPut("/admin/realms/" + REALM + "/users/" + userId(username), Map.of("enabled", false));

		KeycloakApi.Answer answer = this.client.start(username, PASSWORD);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("access_denied");
		assertThat(answer.body().has("auth_session")).isFalse();
	}

	@Test
	void aWrongPasswordIsRefusedAndCountsAsABruteForceFailure() {
		String username = newUser();
		String userId = userId(username);

		KeycloakApi.Answer answer = this.client.start(username, "wrong " + PASSWORD);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("access_denied");
		assertThat(answer.body().has("auth_session")).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> failures(userId) == 1);
	}

	@Test
	void anOtpUserSignsInInTwoRoundsAndTheFirstCostsNoBruteForceAttempt() {
		String username = newUserWithOtp();

		KeycloakApi.Answer first = this.client.start(username, PASSWORD);

		assertThat(first.status()).isEqualTo(400);
		assertThat(first.body().get("error").asString()).isEqualTo("insufficient_authorization");
		assertThat(first.body().get("next_step").asString()).isEqualTo("otp");
		// Keycloak counts failures in order, off the request thread: once a wrong password has been counted, a
		// failure counted for the first round would be too.
		this.client.start(username, "wrong " + PASSWORD);
		String userId = userId(username);
		await().atMost(Duration.ofSeconds(10)).until(() -> failures(userId) >= 1);
		assertThat(failures(userId)).isEqualTo(1);
		KeycloakApi.Answer second = this.client.next(first.body().get("auth_session").asString(),
				Map.of("otp", new Totp(OTP_SECRET).now()));
		assertThat(second.status()).isEqualTo(200);
		assertThat(this.client.exchange(second.body().get("authorization_code").asString()).status()).isEqualTo(200);
	}

	@Test
	void anAuthSessionIsSpentByTheRoundThatPresentsIt() {
		String username = newUserWithOtp();
		String authSession = this.client.start(username, PASSWORD).body()
			.get("auth_session")
			.asString();
		assertThat(this.client.next(authSession, Map.of("otp", new Totp(OTP_SECRET).now())).status())
			.isEqualTo(200);

		KeycloakApi.Answer replay = this.client.next(authSession, Map.of("otp", new Totp(OTP_SECRET).now()));

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.body().get("error").asString()).isEqualTo("invalid_session");
	}

	@Test
	void aCodeIsExchangedOnceAndOnlyWithItsVerifier() {
		String code = this.client.start(newUser(), PASSWORD).body()
			.get("authorization_code")
			.asString();

		assertThat(this.client.exchange(code, ChallengeClient.verifier()).status()).isEqualTo(400);
		String secondCode = this.client.start(newUser(), PASSWORD).body()
			.get("authorization_code")
			.asString();
		assertThat(this.client.exchange(secondCode).status()).isEqualTo(200);
		KeycloakApi.Answer replay = this.client.exchange(secondCode);
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.body().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void aFirstRoundWithoutAnS256ChallengeIsAnInvalidRequest() {
		KeycloakApi.Answer answer = this.client.post(Map.of("username", newUser(), "password", PASSWORD,
				"code_challenge", ChallengeClient.challengeOf(ChallengeClient.verifier()), "code_challenge_method", "plain"));

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
						ChallengeClient.challengeOf(ChallengeClient.verifier()), "code_challenge_method", "S256"),
				Map.of());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void aWrongClientSecretIsRefusedAsTheTokenEndpointRefusesIt() {
		KeycloakApi.Answer answer = api.post(REALM, ENDPOINT, Map.of("client_id", ChallengeClient.CLIENT_ID,
				"client_secret", "not the secret", "username", newUser(), "password", PASSWORD), Map.of());

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
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

}
