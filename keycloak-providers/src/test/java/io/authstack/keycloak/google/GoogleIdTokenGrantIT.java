package io.authstack.keycloak.google;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import io.authstack.keycloak.risk.DeviceRiskAuthenticatorFactory;
import io.authstack.keycloak.risk.DeviceRiskConfig;
import io.authstack.keycloak.risk.KnownDeviceStore;
import io.authstack.testkit.AuthenticationFlows;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.FakeGoogle;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakApi.Answer;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Google ID-token grant in a real Keycloak with our providers, against the testkit's fake Google: the BFF
 * sends a Google ID token to the token endpoint and gets the realm's tokens, or a stable refusal.
 */
class GoogleIdTokenGrantIT {

	private static final String REALM = AuthstackKeycloak.REALM;

	private static final String BFF_CLIENT = "authstack-bff";

	private static final String BFF_SECRET = "dev-only-bff-client-secret-change-me";

	private static final String FIRST_BROKER_LOGIN_FLOW = "authstack first broker login";

	/** The flow the realm runs after every Google sign-in. */
	private static final String POST_BROKER_LOGIN_FLOW = "authstack post broker login";

	private static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FakeGoogle google;

	private static KeycloakApi api;

	@BeforeAll
	static void startKeycloak() {
		google = TestKeycloak.google();
		api = new KeycloakApi(TestKeycloak.get());
		api.adminPut("/admin/realms/" + REALM, Map.of("eventsEnabled", true));
	}

	@Test
	void newGoogleUserIsCreatedLinkedToTheGoogleSubjectAndGetsTokens() {
		String sub = newSubject();
		String email = sub + "@gmail.test";

		Answer answer = grant(google.idToken(sub, email).name("Ada", "Lovelace").sign());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().get("access_token").asString()).isNotBlank();
		assertThat(answer.body().get("refresh_token").asString()).isNotBlank();
		assertThat(answer.body().get("id_token").asString()).isNotBlank();
		JsonNode user = onlyUserWithEmail(email);
		assertThat(user.get("emailVerified").asBoolean()).isTrue();
		assertThat(user.get("firstName").asString()).isEqualTo("Ada");
		assertThat(claims(answer, "access_token").get("sub").asString()).isEqualTo(user.get("id").asString());
		assertThat(googleLinkOf(user.get("id").asString())).isEqualTo(sub);
	}

	@Test
	void sameGoogleSubjectAgainSignsInAsTheSameUser() {
		String sub = newSubject();
		String email = sub + "@gmail.test";

		Answer first = grant(google.idToken(sub, email).sign());
		Answer second = grant(google.idToken(sub, email).sign());

		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(claims(second, "access_token").get("sub").asString())
			.isEqualTo(claims(first, "access_token").get("sub").asString());
		assertThat(claims(second, "access_token").get("sid").asString())
			.isNotEqualTo(claims(first, "access_token").get("sid").asString());
		onlyUserWithEmail(email);
	}

	@Test
	void twoDifferentGoogleUsersBothSignIn() {
		String firstSub = newSubject();
		String secondSub = newSubject();

		Answer first = grant(google.idToken(firstSub, firstSub + "@gmail.test").sign());
		Answer second = grant(google.idToken(secondSub, secondSub + "@gmail.test").sign());

		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(claims(first, "access_token").get("sub").asString())
			.isNotEqualTo(claims(second, "access_token").get("sub").asString());
	}

	@Test
	void concurrentFirstSignInsOfOneGoogleAccountCreateOneUserAndTheOthersMayRetryWithTheSameToken() {
		String sub = newSubject();
		String email = sub + "@gmail.test";
		List<String> tokens = new ArrayList<>();
		List<CompletableFuture<Answer>> signIns = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String token = google.idToken(sub, email).sign();
			tokens.add(token);
			signIns.add(CompletableFuture.supplyAsync(() -> grant(token)));
		}

		List<Answer> answers = signIns.stream().map(CompletableFuture::join).toList();

		String userId = onlyUserWithEmail(email).get("id").asString();
		for (int i = 0; i < answers.size(); i++) {
			Answer answer = answers.get(i);
			if (answer.status() != 200) {
				assertThat(answer.status()).isEqualTo(503);
				assertThat(answer.body().get("error_description").asString()).isEqualTo("google_sign_in_conflict");
				// The lost race spent nothing: the same token, sent again, signs in.
				answer = grant(tokens.get(i));
			}
			assertThat(claims(answer, "access_token").get("sub").asString()).isEqualTo(userId);
		}
	}

	/** The attack: a Google ID token seen once (a log, a proxy, a stolen request) is sent again within its hour. */
	@Test
	void googleIdTokenSignsInOnceAndItsReplayIsRefused() {
		String sub = newSubject();
		String token = google.idToken(sub, sub + "@gmail.test").sign();

		Answer first = grant(token);
		Answer replay = grant(token);

		assertThat(first.status()).isEqualTo(200);
		assertRefused(replay, "google_token_replayed");
		// The replay is in the realm's events, for whoever watches for stolen tokens.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				api.adminGet("/admin/realms/" + REALM + "/events?type=LOGIN_ERROR&max=200").valueStream()
					.filter((event) -> sub.equals(event.path("details").path("identity_provider_user_id").asString(null))))
			.anySatisfy((event) -> assertThat(event.path("details").path("reason").asString())
				.startsWith("google_token_replayed")));
	}

	@Test
	void concurrentReplaysOfOneTokenSignInExactlyOnce() {
		String sub = newSubject();
		String token = google.idToken(sub, sub + "@gmail.test").sign();
		List<CompletableFuture<Answer>> signIns = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			signIns.add(CompletableFuture.supplyAsync(() -> grant(token)));
		}

		List<Answer> answers = signIns.stream().map(CompletableFuture::join).toList();

		assertThat(answers).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() != 200)
			.allSatisfy((answer) -> assertRefused(answer, "google_token_replayed"));
	}

	@Test
	void verifiedLocalUserWithTheSameGmailAddressIsLinkedNotDuplicated() {
		String sub = newSubject();
		String email = sub + "@gmail.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Answer answer = grant(google.idToken(sub, email).sign());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(claims(answer, "access_token").get("sub").asString()).isEqualTo(localId);
		assertThat(onlyUserWithEmail(email).get("id").asString()).isEqualTo(localId);
		assertThat(googleLinkOf(localId)).isEqualTo(sub);
	}

	@Test
	void verifiedLocalUserIsLinkedToTheWorkspaceAccountOfItsAddressesDomain() {
		String sub = newSubject();
		String email = sub + "@corp.example.test";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Answer answer = grant(google.idToken(sub, email).hostedDomain("corp.example.test").sign());

		assertThat(claims(answer, "access_token").get("sub").asString()).isEqualTo(localId);
		assertThat(googleLinkOf(localId)).isEqualTo(sub);
	}

	/** The attack: a consumer Google account registered with the victim's address, which Google does not own. */
	@Test
	void consumerGoogleAccountWithAnAddressGoogleDoesNotOwnIsNotLinkedToTheLocalAccount() {
		String sub = newSubject();
		String email = "alice-" + sub + "@example.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Answer answer = grant(google.idToken(sub, email).emailVerified(true).sign());

		assertRefused(answer, "google_email_in_use");
		assertThat(api.adminGet("/admin/realms/" + REALM + "/users/" + localId + "/federated-identity")).isEmpty();
		assertThat(onlyUserWithEmail(email).get("id").asString()).isEqualTo(localId);
	}

	@Test
	void workspaceAccountWithAnAddressOutsideItsDomainIsNotLinkedToTheLocalAccount() {
		String sub = newSubject();
		String email = "alice-" + sub + "@example.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Answer answer = grant(google.idToken(sub, email).hostedDomain("corp.example.test").sign());

		assertRefused(answer, "google_email_in_use");
		assertThat(api.adminGet("/admin/realms/" + REALM + "/users/" + localId + "/federated-identity")).isEmpty();
	}

	@Test
	void unverifiedLocalUserWithTheSameEmailIsNotLinked() {
		String sub = newSubject();
		String email = sub + "@gmail.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");
		api.adminPut("/admin/realms/" + REALM + "/users/" + localId, Map.of("emailVerified", false));

		Answer answer = grant(google.idToken(sub, email).sign());

		assertRefused(answer, "google_email_in_use");
		assertThat(api.adminGet("/admin/realms/" + REALM + "/users/" + localId + "/federated-identity")).isEmpty();
		assertThat(onlyUserWithEmail(email).get("id").asString()).isEqualTo(localId);
	}

	@Test
	void unverifiedGoogleEmailIsRefusedAndNoUserIsCreated() {
		String sub = newSubject();
		String email = sub + "@gmail.test";

		Answer answer = grant(google.idToken(sub, email).emailVerified(false).sign());

		assertRefused(answer, "google_email_unverified");
		assertThat(usersWithEmail(email)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidTokens")
	void invalidTokenIsRefusedAndNoUserIsCreated(String flaw, Function<FakeGoogle.IdToken, String> make) {
		String sub = newSubject();
		String email = sub + "@gmail.test";

		Answer answer = grant(make.apply(google.idToken(sub, email)));

		assertRefused(answer, "google_token_invalid");
		assertThat(usersWithEmail(email)).isEmpty();
	}

	static Stream<Arguments> invalidTokens() {
		Instant longAgo = Instant.now().minus(Duration.ofHours(3));
		return Stream.of(
				Arguments.of("signed by a key Google never published",
						fn((t) -> t.signedWith(FakeGoogle.unpublishedKey()).sign())),
				Arguments.of("signed by another key under a published kid",
						fn((t) -> t.signedWith(FakeGoogle.unpublishedKey()).keyId(publishedKid()).sign())),
				Arguments.of("alg none", fn(FakeGoogle.IdToken::unsigned)),
				Arguments.of("payload changed after signing", fn((t) -> withPayloadOf(t.sign(),
						google.idToken("someone-else", "victim@gmail.test").sign()))),
				Arguments.of("expired", fn((t) -> t.issuedAt(longAgo).expiresAt(longAgo.plus(Duration.ofHours(1))).sign())),
				Arguments.of("issued in the future", fn((t) -> t.issuedAt(Instant.now().plus(Duration.ofHours(1))).sign())),
				Arguments.of("wrong audience", fn((t) -> t.audience("someone-elses-app.apps.googleusercontent.com").sign())),
				Arguments.of("wrong issuer", fn((t) -> t.issuer("https://accounts.evil.test").sign())),
				Arguments.of("no jti", fn((t) -> t.jti(null).sign())),
				Arguments.of("not a JWT", fn((t) -> "not-a-jwt")));
	}

	/** The attack: a token Google issued for another browser's sign-in, presented by this one. */
	@Test
	void tokenWhoseNonceIsNotTheClientsIsRefusedAndNotSpent() {
		String sub = newSubject();
		String token = google.idToken(sub, sub + "@gmail.test").nonce("nonce-of-the-victims-browser").sign();

		Answer wrong = grant(token, Map.of(GoogleIdTokenGrantTypeFactory.NONCE_PARAMETER, "nonce-of-this-browser"));

		assertRefused(wrong, "google_nonce_mismatch");
		assertThat(usersWithEmail(sub + "@gmail.test")).isEmpty();
		// Refused before it was spent: the victim's own sign-in with it still works.
		assertThat(grant(token, Map.of(GoogleIdTokenGrantTypeFactory.NONCE_PARAMETER, "nonce-of-the-victims-browser"))
			.status()).isEqualTo(200);
	}

	@Test
	void tokenWithoutANonceIsRefusedWhateverTheClientSends() {
		String sub = newSubject();
		String token = google.idToken(sub, sub + "@gmail.test").nonce(null).sign();

		assertRefused(grant(token, Map.of(GoogleIdTokenGrantTypeFactory.NONCE_PARAMETER, "some-nonce")),
				"google_nonce_mismatch");
		assertRefused(grant(token), "google_nonce_mismatch");
		assertThat(usersWithEmail(sub + "@gmail.test")).isEmpty();
	}

	@Test
	void clientThatSendsNoNonceIsRefused() {
		String sub = newSubject();
		String token = google.idToken(sub, sub + "@gmail.test").sign();

		Answer answer = api.token(REALM, Map.of("grant_type", GoogleIdTokenGrantTypeFactory.PROVIDER_ID, "client_id",
				BFF_CLIENT, "client_secret", BFF_SECRET, "scope", "openid", GoogleIdTokenGrantTypeFactory.ID_TOKEN_PARAMETER,
				token));

		assertRefused(answer, "google_nonce_mismatch");
		assertThat(usersWithEmail(sub + "@gmail.test")).isEmpty();
	}

	@Test
	void hostedDomainOutsideTheAllowlistIsRefused() {
		String outsider = newSubject();
		String insider = newSubject();
		setHostedDomains("example.test,corp.example.test");
		try {
			Answer refused = grant(google.idToken(outsider, outsider + "@other.test").hostedDomain("other.test").sign());
			Answer consumer = grant(google.idToken(outsider, outsider + "@gmail.test").sign());
			Answer accepted = grant(
					google.idToken(insider, insider + "@corp.example.test").hostedDomain("corp.example.test").sign());

			assertRefused(refused, "google_domain_not_allowed");
			assertRefused(consumer, "google_domain_not_allowed");
			assertThat(accepted.status()).isEqualTo(200);
		}
		finally {
			setHostedDomains("");
		}
	}

	@Test
	void disabledUserCannotGetTokens() {
		String sub = newSubject();
		String email = sub + "@gmail.test";
		String userId = claims(grant(google.idToken(sub, email).sign()), "access_token").get("sub").asString();
		api.adminPut("/admin/realms/" + REALM + "/users/" + userId, Map.of("enabled", false));

		Answer answer = grant(google.idToken(sub, email).sign());

		assertRefused(answer, "google_account_disabled");
	}

	@Test
	void userLockedOutByBruteForceDetectionCannotSignInWithGoogle() {
		String sub = newSubject();
		String email = sub + "@gmail.com";
		String username = "local-" + sub;
		api.createUser(REALM, username, email, "correct horse battery staple");
		assertThat(grant(google.idToken(sub, email).sign()).status()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			api.token(REALM, Map.of("grant_type", "password", "client_id", BFF_CLIENT, "client_secret", BFF_SECRET,
					"username", username, "password", "wrong password " + i));
		}

		Answer answer = grant(google.idToken(sub, email).sign());

		assertRefused(answer, "google_account_disabled");
	}

	@Test
	void userWithPendingRequiredActionsIsSentToFinishThemFirst() {
		String sub = newSubject();
		String email = sub + "@gmail.test";
		String userId = claims(grant(google.idToken(sub, email).sign()), "access_token").get("sub").asString();
		api.adminPut("/admin/realms/" + REALM + "/users/" + userId, Map.of("requiredActions", List.of("UPDATE_PROFILE")));

		Answer answer = grant(google.idToken(sub, email).sign());

		assertRefused(answer, "google_account_incomplete");
	}

	@Test
	void disablingTheGoogleIdentityProviderTurnsTheGrantOff() {
		String sub = newSubject();
		updateGoogleProvider((provider) -> provider.put("enabled", false));
		try {
			Answer answer = grant(google.idToken(sub, sub + "@gmail.test").sign());

			assertRefused(answer, "google_sign_in_disabled");
		}
		finally {
			updateGoogleProvider((provider) -> provider.put("enabled", true));
		}
	}

	@Test
	void postLoginFlowOfTheGoogleProviderRunsOnEverySignInAndCanDenyIt() {
		String sub = newSubject();
		assertThat(signInWithPostLoginFlow(sub, "deny-access-authenticator").body().get("error_description").asString())
			.isEqualTo("google_login_denied");
		assertThat(signInWithPostLoginFlow(sub, "allow-access-authenticator").status()).isEqualTo(200);
	}

	@Test
	void postLoginFlowThatWantsToTalkToTheUserSendsTheSignInToTheRedirectFlow() {
		String sub = newSubject();

		Answer answer = signInWithPostLoginFlow(sub, "auth-username-password-form");

		assertRefused(answer, "google_interaction_required");
	}

	@Test
	void realmsPostLoginFlowLearnsTheDeviceOfEveryGoogleSignIn() {
		String sub = newSubject();
		assertThat(grantFrom(FIREFOX_ON_LINUX, sub).status()).isEqualTo(200);
		String userId = onlyUserWithEmail(sub + "@gmail.test").get("id").asString();

		assertThat(grantFrom(CHROME_ON_WINDOWS, sub).status()).isEqualTo(200);

		assertThat(knownDeviceLabels(userId)).containsExactlyInAnyOrder("Firefox on Linux", "Chrome on Windows");
		JsonNode login = eventOf("LOGIN", userId);
		assertThat(login.path("details").path("risk_reasons").asString()).isEqualTo("new_device");
		assertThat(login.path("details").path("identity_provider").asString()).isEqualTo("google");
	}

	@Test
	void deviceRiskRefusalOfAGoogleSignInKeepsItsOwnCode() {
		String sub = newSubject();
		assertThat(grantFrom(FIREFOX_ON_LINUX, sub).status()).isEqualTo(200);
		googleDeviceRisk("deny");
		try {
			Answer fromNewDevice = grantFrom(CHROME_ON_WINDOWS, sub);

			assertRefused(fromNewDevice, "device_denied");
			assertThat(grantFrom(FIREFOX_ON_LINUX, sub).status()).isEqualTo(200);
		}
		finally {
			googleDeviceRisk("notify");
		}
	}

	@Test
	void newGoogleUserSignsUpWithTheShippedRealmWhoseRegistrationFormIsOff() {
		String sub = newSubject();
		assertThat(api.adminGet("/admin/realms/" + REALM).get("registrationAllowed").asBoolean()).isFalse();

		assertThat(grant(google.idToken(sub, sub + "@gmail.test").sign()).status()).isEqualTo(200);
	}

	@Test
	void newGoogleUserIsRefusedWhenTheFirstBrokerLoginFlowCreatesNoAccounts() {
		String sub = newSubject();
		String email = sub + "@gmail.test";
		AuthenticationFlows flows = new AuthenticationFlows(api, REALM);
		flows.requirement(FIRST_BROKER_LOGIN_FLOW, "idp-create-user-if-unique", "DISABLED");
		try {
			Answer answer = grant(google.idToken(sub, email).sign());

			assertRefused(answer, "google_registration_closed");
			assertThat(usersWithEmail(email)).isEmpty();
		}
		finally {
			flows.requirement(FIRST_BROKER_LOGIN_FLOW, "idp-create-user-if-unique", "ALTERNATIVE");
		}
	}

	@Test
	void otherConfidentialClientCannotUseTheGrant() {
		String clientId = "other-app-" + newSubject();
		api.adminCreate("/admin/realms/" + REALM + "/clients", Map.of("clientId", clientId, "publicClient", false,
				"secret", "other-app-secret", "standardFlowEnabled", true, "redirectUris", List.of("http://localhost/*")));
		String sub = newSubject();

		Answer answer = api.token(REALM, Map.of("grant_type", GoogleIdTokenGrantTypeFactory.PROVIDER_ID, "client_id",
				clientId, "client_secret", "other-app-secret", "id_token", google.idToken(sub, sub + "@gmail.test").sign()));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
		assertThat(usersWithEmail(sub + "@gmail.test")).isEmpty();
	}

	@Test
	void publicClientCannotUseTheGrantEvenWhenMarkedAllowed() {
		String clientId = "spa-" + newSubject();
		api.adminCreate("/admin/realms/" + REALM + "/clients",
				Map.of("clientId", clientId, "publicClient", true, "redirectUris", List.of("http://localhost/*"),
						"attributes", Map.of(GoogleIdTokenGrantTypeFactory.CLIENT_ATTRIBUTE, "true")));
		String sub = newSubject();

		Answer answer = api.token(REALM, Map.of("grant_type", GoogleIdTokenGrantTypeFactory.PROVIDER_ID, "client_id",
				clientId, "id_token", google.idToken(sub, sub + "@gmail.test").sign()));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void bffClientWithAWrongSecretCannotUseTheGrant() {
		String sub = newSubject();

		Answer answer = api.token(REALM, Map.of("grant_type", GoogleIdTokenGrantTypeFactory.PROVIDER_ID, "client_id",
				BFF_CLIENT, "client_secret", "wrong", "id_token", google.idToken(sub, sub + "@gmail.test").sign()));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void signInIsRecordedAsALoginEventThroughGoogleAndASignUpAsARegisterEvent() {
		String sub = newSubject();
		String userId = claims(grant(google.idToken(sub, sub + "@gmail.test").sign()), "access_token").get("sub")
			.asString();

		JsonNode login = await().atMost(Duration.ofSeconds(10))
			.until(() -> eventOf("LOGIN", userId), (event) -> event != null);
		JsonNode register = eventOf("REGISTER", userId);

		assertThat(login.get("clientId").asString()).isEqualTo(BFF_CLIENT);
		assertThat(login.get("details").get("identity_provider").asString()).isEqualTo("google");
		assertThat(login.get("details").get("grant_type").asString()).isEqualTo(GoogleIdTokenGrantTypeFactory.PROVIDER_ID);
		assertThat(register.get("details").get("identity_provider").asString()).isEqualTo("google");
		assertThat(register.get("details").get("register_method").asString()).isEqualTo("google-id-token");
	}

	@Test
	void refreshTokenFromAGoogleSignInRefreshes() {
		String sub = newSubject();
		Answer signIn = grant(google.idToken(sub, sub + "@gmail.test").sign());

		Answer refreshed = api.token(REALM, Map.of("grant_type", "refresh_token", "client_id", BFF_CLIENT,
				"client_secret", BFF_SECRET, "refresh_token", signIn.body().get("refresh_token").asString()));

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(claims(refreshed, "access_token").get("sub").asString())
			.isEqualTo(claims(signIn, "access_token").get("sub").asString());
	}

	@Test
	void keyRotatedAtGoogleIsFetchedWhenATokenNamesIt() {
		String sub = newSubject();
		assertThat(grant(google.idToken(sub, sub + "@gmail.test").sign()).status()).isEqualTo(200);
		int fetchesBefore = google.jwksRequests();

		google.rotateKey();

		// Keycloak refetches on an unknown kid, at most once per its minimum interval (10 s by default).
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> grant(google.idToken(sub, sub + "@gmail.test").sign()).status() == 200);
		assertThat(google.jwksRequests()).isGreaterThan(fetchesBefore);
	}

	@Test
	void googleKeysUnreachableMeansTryAgainLaterNotABadToken() {
		String sub = newSubject();
		google.jwksDown(true);
		try {
			google.rotateKey();

			// Once Keycloak's refetch interval allows a fetch, the outage shows as a 503, never as a verdict.
			Answer answer = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> grant(google.idToken(sub, sub + "@gmail.test").sign()), (a) -> a.status() != 400);
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.body().get("error").asString()).isEqualTo("temporarily_unavailable");
			assertThat(usersWithEmail(sub + "@gmail.test")).isEmpty();
		}
		finally {
			google.jwksDown(false);
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> grant(google.idToken(sub, sub + "@gmail.test").sign()).status() == 200);
	}

	@Test
	void googleKeysAreCachedAcrossSignIns() {
		String sub = newSubject();
		grant(google.idToken(sub, sub + "@gmail.test").sign());
		int fetchesBefore = google.jwksRequests();

		for (int i = 0; i < 5; i++) {
			assertThat(grant(google.idToken(sub, sub + "@gmail.test").sign()).status()).isEqualTo(200);
		}

		assertThat(google.jwksRequests()).isEqualTo(fetchesBefore);
	}

	private static Answer grant(String idToken) {
		return grant(idToken, Map.of());
	}

	private static Answer grant(String idToken, Map<String, String> extra) {
		return grant(idToken, extra, Map.of());
	}

	private static Answer grant(String idToken, Map<String, String> extra, Map<String, String> headers) {
		Map<String, String> form = new HashMap<>(Map.of("grant_type", GoogleIdTokenGrantTypeFactory.PROVIDER_ID,
				"client_id", BFF_CLIENT, "client_secret", BFF_SECRET, "scope", "openid",
				GoogleIdTokenGrantTypeFactory.ID_TOKEN_PARAMETER, idToken));
		// As the BFF does: the nonce it bound to the browser, which an honest sign-in's token carries.
		nonceOf(idToken).ifPresent((nonce) -> form.put(GoogleIdTokenGrantTypeFactory.NONCE_PARAMETER, nonce));
		form.putAll(extra);
		return api.token(REALM, form, headers);
	}

	/** A sign-in as the BFF forwards it: the browser's User-Agent on the grant request. */
	private static Answer grantFrom(String userAgent, String sub) {
		return grant(google.idToken(sub, sub + "@gmail.test").sign(), Map.of(), Map.of("User-Agent", userAgent));
	}

	private static void googleDeviceRisk(String action) {
		new AuthenticationFlows(api, REALM).configure(POST_BROKER_LOGIN_FLOW, DeviceRiskAuthenticatorFactory.PROVIDER_ID,
				Map.of(DeviceRiskConfig.ACTION, action));
	}

	private static List<String> knownDeviceLabels(String userId) {
		return api.adminGet("/admin/realms/" + REALM + "/users/" + userId)
			.path("attributes")
			.path(KnownDeviceStore.ATTRIBUTE)
			.valueStream()
			.map((device) -> JSON.readTree(device.asString()).get("label").asString())
			.toList();
	}

	private static void assertRefused(Answer answer, String code) {
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
		assertThat(answer.body().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(answer.body().get("error_description").asString()).isEqualTo(code);
	}

	private static JsonNode usersWithEmail(String email) {
		return api.adminGet("/admin/realms/" + REALM + "/users?exact=true&email=" + email);
	}

	private static JsonNode onlyUserWithEmail(String email) {
		JsonNode users = usersWithEmail(email);
		assertThat(users).hasSize(1);
		return users.get(0);
	}

	private static String googleLinkOf(String userId) {
		JsonNode links = api.adminGet("/admin/realms/" + REALM + "/users/" + userId + "/federated-identity");
		assertThat(links).hasSize(1);
		assertThat(links.get(0).get("identityProvider").asString()).isEqualTo("google");
		return links.get(0).get("userId").asString();
	}

	private static JsonNode eventOf(String type, String userId) {
		for (JsonNode event : api.adminGet("/admin/realms/" + REALM + "/events?type=" + type + "&user=" + userId)) {
			return event;
		}
		return null;
	}

	private static void setHostedDomains(String domains) {
		updateGoogleProvider((provider) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> config = (Map<String, Object>) provider.get("config");
			config.put("hostedDomain", domains);
		});
	}

	/** Signs in with the google provider's post-login flow made of this one required authenticator. */
	private static Answer signInWithPostLoginFlow(String sub, String authenticator) {
		String flow = "google-post-login-" + UUID.randomUUID();
		String flows = "/admin/realms/" + REALM + "/authentication/flows";
		api.adminCreate(flows, Map.of("alias", flow, "providerId", "basic-flow", "topLevel", true, "builtIn", false));
		String executions = flows + "/" + flow + "/executions";
		api.adminCreate(executions + "/execution", Map.of("provider", authenticator));
		String executionId = api.adminGet(executions).get(0).get("id").asString();
		api.adminPut(executions, Map.of("id", executionId, "requirement", "REQUIRED"));
		updateGoogleProvider((provider) -> provider.put("postBrokerLoginFlowAlias", flow));
		try {
			return grant(google.idToken(sub, sub + "@gmail.test").sign());
		}
		finally {
			updateGoogleProvider((provider) -> provider.put("postBrokerLoginFlowAlias", POST_BROKER_LOGIN_FLOW));
		}
	}

	/** Reads the realm's google identity provider, lets the test change it, and writes it back. */
	private static void updateGoogleProvider(Consumer<Map<String, Object>> change) {
		String path = "/admin/realms/" + REALM + "/identity-provider/instances/google";
		Map<String, Object> provider = JSON.convertValue(api.adminGet(path), new TypeReference<Map<String, Object>>() {
		});
		change.accept(provider);
		api.adminPut(path, provider);
	}

	private static String publishedKid() {
		String header = google.idToken("x", "x@gmail.test").sign().split("\\.")[0];
		return JSON.readTree(Base64.getUrlDecoder().decode(header)).get("kid").asString();
	}

	/** The first token's header and signature around the second token's claims. */
	private static String withPayloadOf(String signed, String other) {
		String[] parts = signed.split("\\.");
		return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
	}

	private static JsonNode claims(Answer answer, String tokenName) {
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
		String payload = answer.body().get(tokenName).asString().split("\\.")[1];
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	private static Optional<String> nonceOf(String idToken) {
		String[] parts = idToken.split("\\.");
		if (parts.length < 2) {
			return Optional.empty();
		}
		JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		return Optional.ofNullable(payload.get("nonce")).map(JsonNode::asString);
	}

	private static String newSubject() {
		return "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	private static Function<FakeGoogle.IdToken, String> fn(Function<FakeGoogle.IdToken, String> make) {
		return make;
	}

}
