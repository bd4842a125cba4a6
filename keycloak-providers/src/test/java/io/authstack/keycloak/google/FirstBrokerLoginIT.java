package io.authstack.keycloak.google;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.FakeGoogle;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm's first-broker-login flow, driven the way a browser does: the BFF's authorization request with an
 * identity-provider hint, the fake Google answering for the account the test chose, Keycloak deciding whether to
 * create, link at once, or ask. Keycloak's {@code google} provider type calls Google's real endpoints, so the flow
 * runs behind an OpenID Connect provider configured like it but pointed at {@link FakeGoogle}.
 */
class FirstBrokerLoginIT {

	private static final String REALM = AuthstackKeycloak.REALM;

	private static final String ALIAS = "google-redirect-test";

	private static final String CALLBACK = "http://localhost:8080/api/auth/callback";

	/** Any valid S256 challenge: the code is never redeemed here, only the link is checked. */
	private static final String PKCE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

	private static FakeGoogle google;

	private static KeycloakServer keycloak;

	private static KeycloakApi api;

	@BeforeAll
	static void addRedirectTestProvider() {
		google = TestKeycloak.google();
		keycloak = TestKeycloak.get();
		api = new KeycloakApi(keycloak);
		JsonNode flowOfGoogle = api.adminGet("/admin/realms/" + REALM + "/identity-provider/instances/google");
		api.adminCreate("/admin/realms/" + REALM + "/identity-provider/instances", Map.of("alias", ALIAS, "providerId",
				"oidc", "enabled", true, "trustEmail", true, "firstBrokerLoginFlowAlias",
				flowOfGoogle.get("firstBrokerLoginFlowAlias").asString(), "config",
				Map.ofEntries(Map.entry("clientId", google.clientId()), Map.entry("clientSecret", "fake-google-secret"),
						Map.entry("clientAuthMethod", "client_secret_post"),
						Map.entry("authorizationUrl", google.authorizationUrl()), Map.entry("tokenUrl", google.tokenUrl()),
						Map.entry("jwksUrl", google.jwksUrl()), Map.entry("useJwksUrl", "true"),
						Map.entry("validateSignature", "true"), Map.entry("issuer", FakeGoogle.ISSUER),
						Map.entry("disableUserInfo", "true"), Map.entry("defaultScope", "openid email profile"),
						Map.entry("syncMode", "IMPORT"))));
	}

	@Test
	void newGoogleAccountSignsUpAndIsLinked() {
		String sub = newSubject();
		String email = sub + "@gmail.test";

		Outcome outcome = signInWithGoogle(google.idToken(sub, email).name("Ada", "Lovelace"));

		assertThat(outcome.redirectedToTheBff()).as(outcome.toString()).isTrue();
		JsonNode user = api.adminGet("/admin/realms/" + REALM + "/users?exact=true&email=" + email).get(0);
		assertThat(user.get("emailVerified").asBoolean()).isTrue();
		assertThat(linkOf(user.get("id").asString())).isEqualTo(sub);
	}

	@Test
	void existingAccountIsLinkedWithoutAskingWhenBothSidesVerifiedTheGmailAddress() {
		String sub = newSubject();
		String email = sub + "@gmail.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Outcome outcome = signInWithGoogle(google.idToken(sub, email).name("Test", "User"));

		assertThat(outcome.redirectedToTheBff()).as(outcome.toString()).isTrue();
		assertThat(linkOf(localId)).isEqualTo(sub);
	}

	@Test
	void existingAccountIsLinkedWithoutAskingToTheWorkspaceAccountOfItsAddressesDomain() {
		String sub = newSubject();
		String email = sub + "@corp.example.test";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Outcome outcome = signInWithGoogle(
				google.idToken(sub, email).name("Test", "User").hostedDomain("corp.example.test"));

		assertThat(outcome.redirectedToTheBff()).as(outcome.toString()).isTrue();
		assertThat(linkOf(localId)).isEqualTo(sub);
	}

	/** The attack: a consumer Google account registered with the victim's address, which Google does not own. */
	@Test
	void consumerGoogleAccountWithAnAddressGoogleDoesNotOwnIsNotLinkedAndTheUserIsAskedToConfirm() {
		String sub = newSubject();
		String email = "alice-" + sub + "@example.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Outcome outcome = signInWithGoogle(google.idToken(sub, email).name("Test", "User").emailVerified(true));

		assertThat(outcome.asksToConfirmTheLink()).as(outcome.toString()).isTrue();
		assertThat(api.adminGet("/admin/realms/" + REALM + "/users/" + localId + "/federated-identity")).isEmpty();
	}

	@Test
	void existingAccountWithAnUnverifiedEmailIsNotLinkedAndTheUserIsAskedToConfirm() {
		String sub = newSubject();
		String email = sub + "@gmail.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");
		api.adminPut("/admin/realms/" + REALM + "/users/" + localId, Map.of("emailVerified", false));

		Outcome outcome = signInWithGoogle(google.idToken(sub, email).name("Test", "User"));

		assertThat(outcome.asksToConfirmTheLink()).as(outcome.toString()).isTrue();
		assertThat(api.adminGet("/admin/realms/" + REALM + "/users/" + localId + "/federated-identity")).isEmpty();
	}

	@Test
	void existingAccountIsNotLinkedWhenGoogleDoesNotVouchForTheEmailAndTheUserIsAskedToConfirm() {
		String sub = newSubject();
		String email = sub + "@gmail.com";
		String localId = api.createUser(REALM, "local-" + sub, email, "correct horse battery staple");

		Outcome outcome = signInWithGoogle(google.idToken(sub, email).name("Test", "User").emailVerified(false));

		assertThat(outcome.asksToConfirmTheLink()).as(outcome.toString()).isTrue();
		assertThat(api.adminGet("/admin/realms/" + REALM + "/users/" + localId + "/federated-identity")).isEmpty();
	}

	/** Starts the BFF's login with a hint for the test provider and follows redirects like a browser. */
	private static Outcome signInWithGoogle(FakeGoogle.IdToken account) {
		google.signInNextAs(account);
		Browser browser = new Browser();
		URI next = URI.create(keycloak.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=authstack-bff"
				+ "&response_type=code&scope=openid&state=st&nonce=n&code_challenge_method=S256&code_challenge="
				+ PKCE_CHALLENGE + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
				+ "&kc_idp_hint=" + ALIAS);
		for (int hop = 0; hop < 20; hop++) {
			HttpResponse<String> response = browser.get(next);
			String location = response.headers().firstValue("Location").orElse(null);
			if (response.statusCode() / 100 != 3 || location == null) {
				return new Outcome(response.statusCode(), null, response.body());
			}
			if (location.startsWith(CALLBACK)) {
				return new Outcome(response.statusCode(), location, "");
			}
			next = next.resolve(location);
		}
		throw new IllegalStateException("Too many redirects, last " + next);
	}

	/**
	 * Just enough of a browser: follows nothing by itself and keeps Keycloak's cookies. Keycloak marks them
	 * {@code Secure}, which the JDK's cookie manager never sends over the tests' plain HTTP, hence this jar.
	 */
	private static final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final Map<String, String> keycloakCookies = new LinkedHashMap<>();

		HttpResponse<String> get(URI uri) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri);
			boolean toKeycloak = uri.getPort() == keycloak.httpPort();
			if (toKeycloak && !this.keycloakCookies.isEmpty()) {
				request.header("Cookie", this.keycloakCookies.entrySet()
					.stream()
					.map((c) -> c.getKey() + "=" + c.getValue())
					.collect(Collectors.joining("; ")));
			}
			HttpResponse<String> response = send(request.build());
			if (toKeycloak) {
				for (String setCookie : response.headers().allValues("Set-Cookie")) {
					HttpCookie cookie = HttpCookie.parse(setCookie).get(0);
					if (cookie.getMaxAge() == 0) {
						this.keycloakCookies.remove(cookie.getName());
					}
					else {
						this.keycloakCookies.put(cookie.getName(), cookie.getValue());
					}
				}
			}
			return response;
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				return this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException("GET " + request.uri() + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted on GET " + request.uri(), ex);
			}
		}

	}

	private static String linkOf(String userId) {
		JsonNode links = api.adminGet("/admin/realms/" + REALM + "/users/" + userId + "/federated-identity");
		assertThat(links).hasSize(1);
		assertThat(links.get(0).get("identityProvider").asString()).isEqualTo(ALIAS);
		return links.get(0).get("userId").asString();
	}

	private static String newSubject() {
		return "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	/** Where the browser ended: back at the BFF with a code, or on a Keycloak page. */
	private record Outcome(int status, String callback, String page) {

		boolean redirectedToTheBff() {
			return this.callback != null && this.callback.contains("code=") && !this.callback.contains("error=");
		}

		/** Keycloak's "account already exists" page, offering to link after proving the account is theirs. */
		boolean asksToConfirmTheLink() {
			return this.status == 200 && this.page.contains("value=\"linkAccount\"");
		}

	}

}
