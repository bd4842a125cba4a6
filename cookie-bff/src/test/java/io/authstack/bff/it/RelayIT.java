package io.authstack.bff.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieSealer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPA calls its own APIs through the BFF: the API gets the user's Keycloak token and nothing of the
 * browser's, the session is checked as on every call, and every way of going wrong is a problem detail.
 */
class RelayIT extends BffIntegrationTest {

	private static final Map<String, String> UNSAFE = Map.of("Origin", ORIGIN, "X-CSRF", "1");

	@Autowired
	private CookieSealer sealer;

	@Autowired
	private JsonMapper json;

	@Test
	void theApiGetsTheUsersKeycloakTokenAndForwardingHeadersButNeverTheBrowsersCookies() {
		Browser browser = loggedIn(newUser());

		Browser.Response answer = browser.get("/api/orders/items/42?sort=asc&q=a%20b");

		assertThat(answer.status()).isEqualTo(200);
		UpstreamApi.Received received = UPSTREAM.last();
		assertThat(received.path()).isEqualTo("/v1/items/42");
		assertThat(received.query().split("&")).containsExactlyInAnyOrder("sort=asc", "q=a%20b");
		assertThat(received.header("Authorization")).isEqualTo("Bearer " + accessToken(browser));
		assertThat(received.header("Cookie")).isNull();
		assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(received.header("X-Forwarded-Host")).isEqualTo("localhost:" + PORT);
		assertThat(answer.header("Set-Cookie")).isEmpty();
	}

	@Test
	void theBrowsersOwnAuthorizationAndForwardingHeadersAreReplacedNotPassedOn() {
		Browser browser = loggedIn(newUser());

		browser.send("/api/orders/items", "GET", null,
				Map.of("Authorization", "Bearer forged", "X-Forwarded-Host", "evil.example", "X-Forwarded-For", "10.9.9.9",
						"Proxy-Authorization", "Basic cHJveHk6c2VjcmV0", "Keep-Alive", "timeout=5"));

		UpstreamApi.Received received = UPSTREAM.last();
		assertThat(received.header("Authorization")).isEqualTo("Bearer " + accessToken(browser));
		assertThat(received.header("X-Forwarded-Host")).isEqualTo("localhost:" + PORT);
		// Loopback is a trusted proxy in the ITs: the client is the address it names, as the BFF sees it.
		assertThat(received.header("X-Forwarded-For")).isEqualTo("10.9.9.9");
		assertThat(received.header("Proxy-Authorization")).isNull();
		assertThat(received.header("Keep-Alive")).isNull();
	}

	@Test
	void aPostWithoutTheCsrfHeaderNeverReachesTheApi() {
		Browser browser = loggedIn(newUser());
		int before = UPSTREAM.requests();

		Browser.Response answer = browser.send("/api/orders/items", "POST", Map.of("item", 1), Map.of("Origin", ORIGIN));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.code()).isEqualTo("csrf_rejected");
		assertThat(UPSTREAM.requests()).isEqualTo(before);
		assertThat(browser.send("/api/orders/items", "POST", Map.of("item", 1), UNSAFE).status()).isEqualTo(200);
		assertThat(UPSTREAM.last().method()).isEqualTo("POST");
	}

	@Test
	void withoutASessionOrWithAnExpiredOneTheRequiredRouteAnswers401SessionExpired() {
		Browser expired = loggedIn(newUser());
		// The browser drops an access cookie whose token expired (its Max-Age); the refresh cookie stays.
		expired.setCookie(ACCESS_COOKIE, "", "/");

		assertThat(browser().get("/api/orders/items").code()).isEqualTo("session_expired");
		Browser.Response answer = expired.get("/api/orders/items");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo("session_expired");
		assertThat(expired.refresh().status()).isEqualTo(200);
		assertThat(expired.get("/api/orders/items").status()).isEqualTo(200);
	}

	@Test
	void loggedOutAndStolenSessionsGetTheSameCodesAsTheSessionEndpoint() {
		Browser victim = loggedIn(newUser());
		Browser copy = victim.frozen();
		Browser otherDevice = loggedIn(newUser()).withUserAgent("curl/8.5.0");
		assertThat(victim.logout().status()).isEqualTo(204);

		Browser.Response loggedOut = copy.get("/api/orders/items");
		Browser.Response stolen = otherDevice.get("/api/orders/items");

		assertThat(loggedOut.status()).isEqualTo(401);
		assertThat(loggedOut.code()).isEqualTo("revoked");
		assertThat(stolen.status()).isEqualTo(401);
		assertThat(stolen.code()).isEqualTo("binding_mismatch");
	}

	@Test
	void pathTraversalInAnySpellingNeverLeavesTheRoutesPrefix() throws Exception {
		Browser browser = loggedIn(newUser());
		int before = UPSTREAM.requests();

		for (String path : List.of("/api/orders/%2e%2e/admin", "/api/orders/..%2fadmin", "/api/orders/%2E%2E%2Fadmin",
				"/api/orders//admin", "/api/orders/a%5c..%5cadmin", "/api/orders/.%2e/.%2e/admin", "/api/orders/x;/../admin",
				"/api/orders/../../admin")) {
			Browser.Response answer = browser.get(path);

			assertThat(answer.status()).as(path).isBetween(400, 404);
		}
		assertThat(UPSTREAM.requests()).isEqualTo(before);
	}

	@Test
	void aFiftyMegabyteDownloadStreamsThroughTheRelayInsteadOfBeingBuffered() throws Exception {
		Browser browser = loggedIn(newUser());
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(ORIGIN + "/api/orders/bytes"))
				.header("User-Agent", USER_AGENT)
				.header("Accept-Language", "en-GB,en;q=0.8")
				.header("Cookie", ACCESS_COOKIE + "=" + browser.cookie(ACCESS_COOKIE).orElseThrow())
				.build(), HttpResponse.BodyHandlers.ofInputStream());

		long received = 0;
		try (InputStream body = response.body()) {
			received += readAtLeast(body, UpstreamApi.MEGABYTE);
			// The API holds back its second half until this point: a relay that buffered would never get here.
			UPSTREAM.firstHalfArrived();
			received += body.transferTo(java.io.OutputStream.nullOutputStream());
		}

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(received).isEqualTo(50L * UpstreamApi.MEGABYTE);
		assertThat(UPSTREAM.streamedInHalves()).isTrue();
	}

	@Test
	void aBodyWithinTheLimitArrivesWholeAndOneOverItIsRefusedWith413() {
		Browser browser = loggedIn(newUser());

		Browser.Response upload = browser.send("/api/orders/upload", "POST", "x".repeat(5 * UpstreamApi.MEGABYTE),
				Map.of("Origin", ORIGIN, "X-CSRF", "1", "Content-Type", "text/plain"));
		Browser.Response tooLarge = browser.send("/api/orders/upload", "POST", "x".repeat(9 * UpstreamApi.MEGABYTE),
				Map.of("Origin", ORIGIN, "X-CSRF", "1", "Content-Type", "text/plain"));

		assertThat(upload.status()).isEqualTo(200);
		assertThat(UPSTREAM.last().bodyBytes()).isEqualTo(5L * UpstreamApi.MEGABYTE);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.code()).isEqualTo("payload_too_large");
	}

	@Test
	void anApiThatIsDownIs502AndOneTooSlowIs504BothUpstreamUnavailable() {
		Browser browser = loggedIn(newUser());

		Browser.Response down = browser.get("/api/offline/anything");
		Browser.Response slow = browser.get("/api/orders/slow");

		assertThat(down.status()).isEqualTo(502);
		assertThat(down.code()).isEqualTo("upstream_unavailable");
		assertThat(slow.status()).isEqualTo(504);
		assertThat(slow.code()).isEqualTo("upstream_unavailable");
	}

	@Test
	void anUnknownRouteIs404WithOrWithoutASession() {
		assertThat(browser().get("/api/nothing-here/x").status()).isEqualTo(404);
		Browser.Response answer = loggedIn(newUser()).get("/api/nothing-here/x");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.code()).isEqualTo("not_found");
	}

	@Test
	void aRouteWithoutTokenSendsNoneAndAnOptionalOneSendsItOnlyWhenLoggedIn() {
		Browser browser = loggedIn(newUser());

		assertThat(browser.get("/api/catalog/products").status()).isEqualTo(200);
		assertThat(UPSTREAM.last().path()).isEqualTo("/products");
		assertThat(UPSTREAM.last().header("Authorization")).isNull();
		assertThat(browser().get("/api/profile/me").status()).isEqualTo(200);
		assertThat(UPSTREAM.last().header("Authorization")).isNull();
		assertThat(browser.get("/api/profile/me").status()).isEqualTo(200);
		assertThat(UPSTREAM.last().path()).isEqualTo("/profile/me");
		assertThat(UPSTREAM.last().header("Authorization")).isEqualTo("Bearer " + accessToken(browser));
	}

	@Test
	void aMethodTheRouteDoesNotAllowIs405() {
		Browser.Response answer = loggedIn(newUser()).send("/api/profile/me", "DELETE", null, UNSAFE);

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.code()).isEqualTo("method_not_allowed");
	}

	private String accessToken(Browser browser) {
		return this.json.readValue(this.sealer.open(browser.cookie(ACCESS_COOKIE).orElseThrow()), AccessEnvelope.class)
			.accessToken();
	}

	private static long readAtLeast(InputStream body, int bytes) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long read = 0;
		while (read < bytes) {
			int n = body.read(buffer);
			if (n < 0) {
				break;
			}
			read += n;
		}
		return read;
	}

}
