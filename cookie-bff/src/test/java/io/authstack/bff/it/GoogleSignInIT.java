package io.authstack.bff.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.authstack.testkit.FakeGoogle;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Sign in with Google" through the BFF: the SPA posts the ID token Google gave it, Keycloak's Google grant
 * (against the JVM's fake Google) verifies it, and the answer is the usual cookie session.
 */
class GoogleSignInIT extends BffIntegrationTest {

	@Test
	void googleIdTokenOfAnExistingVerifiedUserLogsThemInWithTheUsualCookies() {
		User user = newUser();
		// A Workspace account of the address's own domain: Google owns the address, so it links silently.
		String idToken = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.hostedDomain("example.test")
			.sign();
		Browser browser = browser();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", idToken));

		assertThat(signIn.status()).isEqualTo(200);
		assertThat(signIn.setCookie(ACCESS_COOKIE)).isPresent();
		assertThat(signIn.setCookie(REFRESH_COOKIE)).isPresent();
		assertThat(browser.session().json().get("username").asString()).isEqualTo(user.username());
	}

	@Test
	void aConsumerGoogleAccountWithTheAddressOfAnExistingUserIsToldTheEmailIsInUseNotLinked() {
		User user = newUser();
		String idToken = google().idToken("google-" + user.id(), user.username() + "@example.test").sign();

		Browser.Response signIn = browser().post("/api/auth/google", Map.of("credential", idToken));

		assertThat(signIn.status()).isEqualTo(409);
		assertThat(signIn.code()).isEqualTo("google_email_in_use");
		assertThat(signIn.setCookie(ACCESS_COOKIE)).isEmpty();
	}

	@Test
	void newGoogleUserSignsUpAndEveryLaterSignInIsTheSameAccount() {
		String sub = "google-new-" + UUID.randomUUID();
		String email = sub + "@gmail.test";
		Browser browser = browser();

		Browser.Response signUp = browser.post("/api/auth/google", Map.of("credential", google().idToken(sub, email).sign()));

		assertThat(signUp.status()).isEqualTo(200);
		String userId = browser.session().json().get("sub").asString();
		assertThat(browser.session().json().get("email").asString()).isEqualTo(email);
		Browser later = browser();
		assertThat(later.post("/api/auth/google", Map.of("credential", google().idToken(sub, email).sign())).status())
			.isEqualTo(200);
		assertThat(later.session().json().get("sub").asString()).isEqualTo(userId);
	}

	@Test
	void concurrentFirstSignInsOfOneGoogleAccountAllSucceedAsOneAccount() {
		String sub = "google-race-" + UUID.randomUUID();
		String email = sub + "@gmail.test";
		List<CompletableFuture<Browser>> signIns = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String token = google().idToken(sub, email).sign();
			signIns.add(CompletableFuture.supplyAsync(() -> {
				Browser browser = browser();
				Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", token));
				assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
				return browser;
			}));
		}

		List<String> subjects = signIns.stream()
			.map(CompletableFuture::join)
			.map((browser) -> browser.session().json().get("sub").asString())
			.toList();

		assertThat(subjects).hasSize(4).containsOnly(subjects.get(0));
	}

	@Test
	void tokenSignedWithAKeyGoogleNeverPublishedIsGoogleTokenInvalid() {
		User user = newUser();
		String forged = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.signedWith(FakeGoogle.unpublishedKey())
			.sign();
		Browser browser = browser();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", forged));

		assertThat(signIn.status()).isEqualTo(401);
		assertThat(signIn.json().get("code").asString()).isEqualTo("google_token_invalid");
		assertThat(signIn.setCookie(ACCESS_COOKIE)).isEmpty();
		assertThat(browser.session().status()).isEqualTo(401);
	}

	@Test
	void unverifiedGoogleEmailIsGoogleEmailUnverified() {
		User user = newUser();
		String unverified = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.emailVerified(false)
			.sign();

		Browser.Response signIn = browser().post("/api/auth/google", Map.of("credential", unverified));

		assertThat(signIn.status()).isEqualTo(401);
		assertThat(signIn.json().get("code").asString()).isEqualTo("google_email_unverified");
	}

	@Test
	void credentialThatIsNotAJwtIsABadRequest() {
		Browser.Response signIn = browser().post("/api/auth/google", Map.of("credential", "not a token <script>"));

		assertThat(signIn.status()).isEqualTo(400);
		assertThat(signIn.body()).doesNotContain("script");
	}

	private static FakeGoogle google() {
		return TestKeycloak.google();
	}

}
