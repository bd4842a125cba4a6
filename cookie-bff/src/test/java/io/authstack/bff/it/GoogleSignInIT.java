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
 * "Sign in with Google" through the BFF: the SPA asks for a nonce, posts the ID token Google gave it for that
 * nonce, Keycloak's Google grant
 * (against the JVM's fake Google) verifies it, and the answer is the usual cookie session.
 */
class GoogleSignInIT extends BffIntegrationTest {

	private static final String NONCE_COOKIE = "__Host-Http-google-nonce";

	@Test
	void googleIdTokenOfAnExistingVerifiedUserLogsThemInWithTheUsualCookies() {
		User user = newUser();
		// A Workspace account of the address's own domain: Google owns the address, so it links silently.
		Browser browser = browser();
		String idToken = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.hostedDomain("example.test")
			.nonce(nonceFor(browser))
			.sign();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", idToken));

		assertThat(signIn.status()).isEqualTo(200);
		assertThat(signIn.setCookie(ACCESS_COOKIE)).isPresent();
		assertThat(signIn.setCookie(REFRESH_COOKIE)).isPresent();
		assertThat(browser.session().json().get("username").asString()).isEqualTo(user.username());
	}

	@Test
	void aConsumerGoogleAccountWithTheAddressOfAnExistingUserIsToldTheEmailIsInUseNotLinked() {
		User user = newUser();
		Browser browser = browser();
		String idToken = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.nonce(nonceFor(browser))
			.sign();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", idToken));

		assertThat(signIn.status()).isEqualTo(409);
		assertThat(signIn.code()).isEqualTo("google_email_in_use");
		assertThat(signIn.setCookie(ACCESS_COOKIE)).isEmpty();
	}

	@Test
	void newGoogleUserSignsUpAndEveryLaterSignInIsTheSameAccount() {
		String sub = "google-new-" + UUID.randomUUID();
		String email = sub + "@gmail.test";
		Browser browser = browser();

		Browser.Response signUp = browser.post("/api/auth/google",
				Map.of("credential", google().idToken(sub, email).nonce(nonceFor(browser)).sign()));

		assertThat(signUp.status()).isEqualTo(200);
		String userId = browser.session().json().get("sub").asString();
		assertThat(browser.session().json().get("email").asString()).isEqualTo(email);
		Browser later = browser();
		assertThat(later
			.post("/api/auth/google", Map.of("credential", google().idToken(sub, email).nonce(nonceFor(later)).sign()))
			.status()).isEqualTo(200);
		assertThat(later.session().json().get("sub").asString()).isEqualTo(userId);
	}

	@Test
	void concurrentFirstSignInsOfOneGoogleAccountAllSucceedAsOneAccount() {
		String sub = "google-race-" + UUID.randomUUID();
		String email = sub + "@gmail.test";
		List<CompletableFuture<Browser>> signIns = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Browser browser = browser();
			String token = google().idToken(sub, email).nonce(nonceFor(browser)).sign();
			signIns.add(CompletableFuture.supplyAsync(() -> {
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
		Browser browser = browser();
		String forged = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.nonce(nonceFor(browser))
			.signedWith(FakeGoogle.unpublishedKey())
			.sign();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", forged));

		assertThat(signIn.status()).isEqualTo(401);
		assertThat(signIn.json().get("code").asString()).isEqualTo("google_token_invalid");
		assertThat(signIn.setCookie(ACCESS_COOKIE)).isEmpty();
		assertThat(browser.session().status()).isEqualTo(401);
	}

	@Test
	void unverifiedGoogleEmailIsGoogleEmailUnverified() {
		User user = newUser();
		Browser browser = browser();
		String unverified = google().idToken("google-" + user.id(), user.username() + "@example.test")
			.emailVerified(false)
			.nonce(nonceFor(browser))
			.sign();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", unverified));

		assertThat(signIn.status()).isEqualTo(401);
		assertThat(signIn.json().get("code").asString()).isEqualTo("google_email_unverified");
	}

	@Test
	void credentialThatIsNotAJwtIsABadRequest() {
		Browser.Response signIn = browser().post("/api/auth/google", Map.of("credential", "not a token <script>"));

		assertThat(signIn.status()).isEqualTo(400);
		assertThat(signIn.body()).doesNotContain("script");
	}

	@Test
	void eachNonceIsFreshAndKeptInAShortLivedHttpOnlyCookieOfThisSite() {
		Browser browser = browser();

		Browser.Response first = browser.post("/api/auth/google/nonce", null);
		Browser.Response second = browser.post("/api/auth/google/nonce", null);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("nonce").asString()).hasSize(43)
			.isNotEqualTo(second.json().get("nonce").asString());
		Browser.SetCookie cookie = second.setCookie(NONCE_COOKIE).orElseThrow();
		assertThat(cookie.has("HttpOnly")).isTrue();
		assertThat(cookie.has("Secure")).isTrue();
		assertThat(cookie.attribute("SameSite")).hasValue("Strict");
		assertThat(cookie.attribute("Path")).hasValue("/");
		assertThat(cookie.maxAge()).isEqualTo(600);
		assertThat(cookie.value()).doesNotContain(second.json().get("nonce").asString());
		assertThat(second.header("Cache-Control")).hasValue("no-store");
	}

	@Test
	void nonceIsOnlyHandedOutToTheSitesOwnScripts() {
		Browser.Response crossSite = browser().send("/api/auth/google/nonce", "POST", null,
				Map.of("Origin", "https://evil.example"));

		assertThat(crossSite.status()).isEqualTo(403);
		assertThat(crossSite.code()).isEqualTo("csrf_rejected");
		assertThat(crossSite.setCookie(NONCE_COOKIE)).isEmpty();
	}

	/** The attack: a Google ID token seen once is sent again, even with the nonce cookie it was bound to. */
	@Test
	void replayedGoogleIdTokenIsRefusedTheSecondTime() {
		String sub = "google-replay-" + UUID.randomUUID();
		Browser browser = browser();
		String token = google().idToken(sub, sub + "@gmail.test").nonce(nonceFor(browser)).sign();
		// Whoever copied the browser's cookies before the sign-in, HttpOnly or not.
		Browser thief = browser.frozen();

		Browser.Response signIn = browser.post("/api/auth/google", Map.of("credential", token));
		Browser.Response sameBrowserAgain = browser.post("/api/auth/google", Map.of("credential", token));
		Browser.Response replay = thief.post("/api/auth/google", Map.of("credential", token));

		assertThat(signIn.status()).isEqualTo(200);
		assertThat(signIn.setCookie(NONCE_COOKIE).orElseThrow().maxAge()).as("the nonce is spent").isZero();
		assertThat(sameBrowserAgain.status()).isEqualTo(400);
		assertThat(sameBrowserAgain.code()).isEqualTo("google_nonce_mismatch");
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.code()).as("Keycloak spent the token's jti").isEqualTo("google_token_replayed");
		assertThat(replay.setCookie(ACCESS_COOKIE)).isEmpty();
	}

	@Test
	void tokenWithoutTheNonceOfThisBrowserIsRefusedAndSpendsTheNonce() {
		String sub = "google-nonce-" + UUID.randomUUID();
		Browser browser = browser();
		String nonce = nonceFor(browser);
		Browser.Response noNonce = browser.post("/api/auth/google",
				Map.of("credential", google().idToken(sub, sub + "@gmail.test").nonce(null).sign()));
		String otherNonce = nonceFor(browser);
		Browser.Response wrongNonce = browser.post("/api/auth/google",
				Map.of("credential", google().idToken(sub, sub + "@gmail.test").nonce(nonce).sign()));
		Browser.Response noCookie = browser().post("/api/auth/google",
				Map.of("credential", google().idToken(sub, sub + "@gmail.test").nonce(otherNonce).sign()));

		assertThat(List.of(noNonce, wrongNonce, noCookie)).allSatisfy((refused) -> {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.code()).isEqualTo("google_nonce_mismatch");
			assertThat(refused.setCookie(ACCESS_COOKIE)).isEmpty();
		});
		assertThat(noNonce.setCookie(NONCE_COOKIE).orElseThrow().maxAge()).isZero();
		assertThat(KEYCLOAK_API.adminGet("/admin/realms/authstack/users?exact=true&email=" + sub + "@gmail.test"))
			.as("no token got as far as Keycloak").isEmpty();
	}

	/** The attack: a token Google issued for the victim's sign-in, presented from the attacker's own browser. */
	@Test
	void tokenBoundToAnotherBrowsersNonceIsRefused() {
		String sub = "google-victim-" + UUID.randomUUID();
		Browser victim = browser();
		String victimsToken = google().idToken(sub, sub + "@gmail.test").nonce(nonceFor(victim)).sign();
		Browser attacker = browser();
		nonceFor(attacker);

		Browser.Response stolen = attacker.post("/api/auth/google", Map.of("credential", victimsToken));
		Browser.Response sameCookieOtherDevice = victim.withUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
				+ "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
			.post("/api/auth/google", Map.of("credential", victimsToken));
		Browser.Response victimsOwn = victim.post("/api/auth/google", Map.of("credential", victimsToken));

		assertThat(stolen.status()).isEqualTo(400);
		assertThat(stolen.code()).isEqualTo("google_nonce_mismatch");
		assertThat(sameCookieOtherDevice.code()).isEqualTo("google_nonce_mismatch");
		assertThat(victimsOwn.status()).as(victimsOwn.body()).isEqualTo(200);
	}

	/** Asks the BFF for this browser's nonce, as the SPA does before it initialises Google Identity Services. */
	private static String nonceFor(Browser browser) {
		Browser.Response answer = browser.post("/api/auth/google/nonce", null);
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().get("nonce").asString();
	}

	private static FakeGoogle google() {
		return TestKeycloak.google();
	}

}
