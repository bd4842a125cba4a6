package io.authstack.bff.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** "Forgot password" end to end: the link, the new password, every old session ended, nobody logged in. */
class PasswordResetIT extends AccountsIntegrationTest {

	@Test
	void resetEndsEverySessionChangesThePasswordAndLogsNobodyIn() {
		User user = newUser();
		String email = user.username() + "@example.test";
		String address = freshAddress();
		Browser before = loggedIn(user);
		assertThat(before.session().status()).isEqualTo(200);

		Browser.Response asked = post("/api/accounts/reset-password", Map.of("email", email), address);
		JsonNode job = nextEmailTo(email);
		Browser.Response confirmed = post("/api/accounts/reset-password-confirm",
				Map.of("token", token(job), "password", NEW_PASSWORD), address);

		assertThat(asked.status()).isEqualTo(202);
		assertThat(job.path("template").asString()).isEqualTo("reset-password");
		assertThat(confirmed.status()).isEqualTo(204);
		assertThat(confirmed.setCookies()).isEmpty();
		assertThat(before.session().status()).isEqualTo(401);
		assertThat(before.refresh().status()).isEqualTo(401);
		assertThat(keycloakSessions(user)).isZero();
		assertThat(nextEmailTo(email).path("template").asString()).isEqualTo("password-changed");
		assertThat(browser().login(user.username(), PASSWORD).status()).isEqualTo(401);
		assertThat(browser().login(user.username(), NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void resetTokenWorksOnceAndNeverAsAVerifyToken() {
		User user = newUser();
		String email = user.username() + "@example.test";
		String address = freshAddress();
		post("/api/accounts/reset-password", Map.of("email", email), address);
		String token = token(nextEmailTo(email));

		Browser.Response asVerify = post("/api/accounts/verify-email", Map.of("token", token), address);
		Browser.Response first = post("/api/accounts/reset-password-confirm",
				Map.of("token", token, "password", NEW_PASSWORD), address);
		Browser.Response reused = post("/api/accounts/reset-password-confirm",
				Map.of("token", token, "password", "yet another long passphrase"), address);

		assertThat(asVerify.status()).isEqualTo(400);
		assertThat(asVerify.code()).isEqualTo("invalid_token");
		assertThat(first.status()).isEqualTo(204);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.code()).isEqualTo("invalid_token");
		assertThat(browser().login(user.username(), NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void weakNewPasswordIsA400NamingTheRuleAndTheLinkKeepsWorking() {
		User user = newUser();
		String email = user.username() + "@example.test";
		String address = freshAddress();
		post("/api/accounts/reset-password", Map.of("email", email), address);
		String token = token(nextEmailTo(email));

		Browser.Response weak = post("/api/accounts/reset-password-confirm",
				Map.of("token", token, "password", "too short"), address);
		Browser.Response reused = post("/api/accounts/reset-password-confirm",
				Map.of("token", token, "password", PASSWORD), address);
		Browser.Response good = post("/api/accounts/reset-password-confirm",
				Map.of("token", token, "password", NEW_PASSWORD), address);

		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.code()).isEqualTo("password_policy");
		assertThat(weak.json().get("rule").asString()).isEqualTo("length");
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json().get("rule").asString()).isEqualTo("passwordHistory");
		assertThat(good.status()).isEqualTo(204);
	}

	@Test
	void resetOfAnAccountNeverVerifiedAlsoVerifiesItsEmail() {
		String email = freshEmail();
		String address = freshAddress();
		register(email, PASSWORD, address);
		nextEmailTo(email);

		post("/api/accounts/reset-password", Map.of("email", email), address);
		Browser.Response confirmed = post("/api/accounts/reset-password-confirm",
				Map.of("token", token(nextEmailTo(email)), "password", NEW_PASSWORD), address);

		assertThat(confirmed.status()).isEqualTo(204);
		assertThat(browser().login(email, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void resetForAnUnknownEmailAnswersAlikeAndSendsNothing() {
		User user = newUser();
		String known = user.username() + "@example.test";
		String unknown = freshEmail();

		Browser.Response forUnknown = post("/api/accounts/reset-password", Map.of("email", unknown), freshAddress());
		Browser.Response forKnown = post("/api/accounts/reset-password", Map.of("email", known), freshAddress());

		assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
		assertThat(forUnknown.body()).isEqualTo(forKnown.body());
		assertThat(forUnknown.headers().keySet()).isEqualTo(forKnown.headers().keySet());
		// Jobs reach the queue in the order they were confirmed: one for the unknown address would come first.
		JsonNode next = nextEmailToEither(unknown, known);
		assertThat(next.path("recipient").asString()).isEqualTo(known);
	}

}
