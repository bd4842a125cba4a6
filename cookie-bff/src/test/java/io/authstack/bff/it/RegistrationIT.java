package io.authstack.bff.it;

import java.time.Duration;
import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Register, verify the email with the link's token, log in; and every way a token or a registration can go wrong. */
class RegistrationIT extends AccountsIntegrationTest {

	@Autowired
	StringRedisTemplate redis;

	@Test
	void registerThenVerifyEmailThenLoginWorksAndLoginBeforeVerificationIsRefused() {
		String email = freshEmail();
		String address = freshAddress();

		Browser.Response registered = register(email, PASSWORD, address);

		assertThat(registered.status()).isEqualTo(202);
		JsonNode job = nextEmailTo(email);
		assertThat(job.path("template").asString()).isEqualTo("verify-email");
		assertThat(job.path("kind").asString()).isEqualTo("verify-email");
		assertThat(job.path("model").path("expiresInMinutes").asInt()).isPositive();
		Browser.Response early = browser().login(email, PASSWORD);
		assertThat(early.status()).isEqualTo(401);
		assertThat(early.code()).isEqualTo("account_setup_required");
		assertThat(early.setCookies()).isEmpty();

		Browser.Response verified = post("/api/accounts/verify-email", Map.of("token", token(job)), address);

		assertThat(verified.status()).isEqualTo(204);
		Browser browser = browser();
		assertThat(browser.login(email, PASSWORD).status()).isEqualTo(200);
		assertThat(browser.session().json().get("email").asString()).isEqualTo(email);
	}

	/** The names are optional in the API, so the realm's user profile must not require them for a login. */
	@Test
	void registerWithOnlyEmailAndPasswordThenVerifyThenPasswordLoginWorks() {
		String email = freshEmail();
		String address = freshAddress();

		Browser.Response registered = post("/api/accounts/register", Map.of("email", email, "password", PASSWORD),
				address);
		Browser.Response verified = post("/api/accounts/verify-email", Map.of("token", token(nextEmailTo(email))),
				address);
		Browser browser = browser();
		Browser.Response login = browser.login(email, PASSWORD);

		assertThat(registered.status()).isEqualTo(202);
		assertThat(verified.status()).isEqualTo(204);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(browser.session().json().get("username").asString()).isEqualTo(email);
	}

	/** Keycloak says "not fully set up" for every pending step; the BFF names the one this account has. */
	@Test
	void loginOfAVerifiedAccountWithARequiredActionNamesTheActionNotTheEmail() {
		User user = newUser();
		String path = "/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + user.id();
		ObjectNode representation = (ObjectNode) KEYCLOAK_API.adminGet(path);
		representation.putArray("requiredActions").add("UPDATE_PASSWORD");
		KEYCLOAK_API.adminPut(path, representation);

		Browser.Response login = browser().login(user.username(), PASSWORD);

		assertThat(login.status()).isEqualTo(401);
		assertThat(login.code()).isEqualTo("account_action_required");
		assertThat(login.json().get("detail").asString()).contains("UPDATE_PASSWORD").doesNotContain("email");
		assertThat(login.setCookies()).isEmpty();
	}

	@Test
	void verifyTokenWorksOnceAndNeverAsAResetToken() {
		String email = freshEmail();
		String address = freshAddress();
		register(email, PASSWORD, address);
		String token = token(nextEmailTo(email));

		Browser.Response asReset = post("/api/accounts/reset-password-confirm",
				Map.of("token", token, "password", NEW_PASSWORD), address);
		Browser.Response first = post("/api/accounts/verify-email", Map.of("token", token), address);
		Browser.Response again = post("/api/accounts/verify-email", Map.of("token", token), address);

		assertThat(asReset.status()).isEqualTo(400);
		assertThat(asReset.code()).isEqualTo("invalid_token");
		assertThat(first.status()).isEqualTo(204);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.code()).isEqualTo("invalid_token");
		assertThat(browser().login(email, NEW_PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void expiredVerifyTokenIsRefused() {
		String email = freshEmail();
		String address = freshAddress();
		register(email, PASSWORD, address);
		String token = token(nextEmailTo(email));
		String key = redisKey("verify", token);
		assertThat(this.redis.hasKey(key)).as("only the token's hash is stored").isTrue();

		// Time passes: the TTL Redis keeps runs out.
		this.redis.expire(key, Duration.ofMillis(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.redis.hasKey(key));
		Browser.Response verified = post("/api/accounts/verify-email", Map.of("token", token), address);

		assertThat(verified.status()).isEqualTo(400);
		assertThat(verified.code()).isEqualTo("invalid_token");
	}

	@Test
	void registeringATakenEmailAnswersAlikeAndTellsTheOwnerInstead() {
		User owner = newUser();
		String ownerEmail = owner.username() + "@example.test";
		String freshEmail = freshEmail();

		Browser.Response taken = register(ownerEmail, "some other long passphrase", freshAddress());
		Browser.Response fresh = register(freshEmail, "some other long passphrase", freshAddress());

		assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(202);
		assertThat(taken.body()).isEqualTo(fresh.body());
		JsonNode attempt = nextEmailTo(ownerEmail);
		assertThat(attempt.path("template").asString()).isEqualTo("registration-attempt");
		assertThat(attempt.path("model").path("resetLink").asString()).startsWith(ORIGIN + "/");
		assertThat(usersWithEmail(ownerEmail)).isEqualTo(1);
		assertThat(browser().login(owner.username(), PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void weakPasswordIsA400NamingTheRuleWhetherOrNotTheEmailIsTaken() {
		String email = freshEmail();
		User owner = newUser();

		Browser.Response fresh = register(email, "short", freshAddress());
		Browser.Response taken = register(owner.username() + "@example.test", "short", freshAddress());
		Browser.Response sameAsEmail = register(email, email, freshAddress());

		assertThat(fresh.status()).isEqualTo(400);
		assertThat(fresh.code()).isEqualTo("password_policy");
		assertThat(fresh.json().get("rule").asString()).isEqualTo("length");
		assertThat(taken.status()).isEqualTo(400);
		assertThat(taken.body()).isEqualTo(fresh.body());
		assertThat(sameAsEmail.json().get("rule").asString()).isEqualTo("notEmail");
		assertThat(usersWithEmail(email)).isZero();
	}

	@Test
	void passwordsLongerThan64CharactersAreKeptWhole() {
		String email = freshEmail();
		String address = freshAddress();
		String longPassword = "a passphrase of seventy characters, give or take, and every one counts";
		assertThat(longPassword).hasSizeGreaterThan(65);
		register(email, longPassword, address);
		post("/api/accounts/verify-email", Map.of("token", token(nextEmailTo(email))), address);

		assertThat(browser().login(email, longPassword.substring(0, 64)).status()).isEqualTo(401);
		assertThat(browser().login(email, longPassword).status()).isEqualTo(200);
	}

	@Test
	void resendVerificationSendsANewLinkOnlyForAnUnverifiedAccountAndAnswersAlike() {
		String email = freshEmail();
		String address = freshAddress();
		register(email, PASSWORD, address);
		nextEmailTo(email);

		Browser.Response pending = post("/api/accounts/resend-verification", Map.of("email", email), address);
		Browser.Response unknown = post("/api/accounts/resend-verification", Map.of("email", freshEmail()), address);

		assertThat(pending.status()).isEqualTo(unknown.status()).isEqualTo(202);
		assertThat(pending.body()).isEqualTo(unknown.body());
		String token = token(nextEmailTo(email));
		assertThat(post("/api/accounts/verify-email", Map.of("token", token), address).status()).isEqualTo(204);
	}

	@Test
	void controlCharactersInTheEmailAreA400AndNeverReachAMailHeader() {
		String email = freshEmail();

		Browser.Response crlf = register(email + "\r\nBcc: victim@example.test", PASSWORD, freshAddress());
		Browser.Response notAnEmail = register("not an email", PASSWORD, freshAddress());
		Browser.Response tooLong = register("a".repeat(250) + "@example.test", PASSWORD, freshAddress());

		assertThat(crlf.status()).isEqualTo(400);
		assertThat(crlf.code()).isEqualTo("invalid_request");
		assertThat(notAnEmail.status()).isEqualTo(400);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(usersWithEmail(email)).isZero();
	}

	@Test
	void accountCallsWithoutTheCsrfHeaderAreRejected() {
		Browser.Response noCsrf = browser().send("/api/accounts/register", "POST",
				Map.of("email", freshEmail(), "password", PASSWORD), Map.of("Origin", ORIGIN));

		assertThat(noCsrf.status()).isEqualTo(403);
		assertThat(noCsrf.code()).isEqualTo("csrf_rejected");
	}

}
