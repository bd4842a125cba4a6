package io.authstack.bff.it;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keycloak ends a session (the admin console's "Sign out") and tells the BFF over the back channel. */
class BackchannelLogoutIT extends BffIntegrationTest {

	@Autowired
	private CookieSealer sealer;

	@Autowired
	private JsonMapper json;

	@Test
	void adminSignsOutTheSessionThenTheBffSessionEndsAtTheNextRequest() {
		User user = newUser();
		Browser browser = loggedIn(user);
		Browser otherSession = loggedIn(user);
		String sessionId = KEYCLOAK_API
			.adminGet("/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + user.id() + "/sessions")
			.get(0)
			.get("id")
			.asString();
		Browser signedOut = sessionOf(sessionId, browser, otherSession).frozen();
		Browser stillIn = (sessionOf(sessionId, browser, otherSession) == browser) ? otherSession : browser;

		KEYCLOAK_API.adminDelete("/admin/realms/" + AuthstackKeycloak.REALM + "/sessions/" + sessionId);

		await().atMost(Duration.ofSeconds(10)).until(() -> signedOut.session().status() == 401);
		assertThat(signedOut.session().code()).isEqualTo("revoked");
		assertThat(stillIn.session().status()).isEqualTo(200);
	}

	@Test
	void logoutTokenSignedBySomeoneElseIsRefusedAndRevokesNothing() throws Exception {
		User user = newUser();
		Browser browser = loggedIn(user);
		RSAKey forger = new RSAKeyGenerator(2048).keyID("forged").generate();
		SignedJWT token = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("logout+jwt")).keyID("forged").build(),
				new JWTClaimsSet.Builder().issuer(KEYCLOAK.realmUrl(AuthstackKeycloak.REALM))
					.audience(List.of("authstack-bff"))
					.subject(user.id())
					.issueTime(new Date())
					.expirationTime(Date.from(Instant.now().plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
					.build());
		token.sign(new RSASSASigner(forger));

		Browser.Response answer = browser().send("/api/auth/backchannel-logout", "POST",
				null, Map.of("Content-Type", "application/x-www-form-urlencoded"));
		Browser.Response forged = new Browser(ORIGIN, "Apache-HttpClient").sendForm("/api/auth/backchannel-logout",
				"logout_token=" + token.serialize());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.code()).isEqualTo("invalid_request");
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void aLogoutTokenCapturedOnTheWayIsRefusedWhenReplayed() {
		User user = newUser();
		Browser browser = loggedIn(user);
		String sessionId = refreshSessionId(browser.cookie(REFRESH_COOKIE).orElseThrow());
		try (LogoutTokenTap tap = new LogoutTokenTap(FreePorts.next(),
				URI.create(ORIGIN + "/api/auth/backchannel-logout"))) {
			String original = backchannelLogoutUrl(tap.url());
			try {
				KEYCLOAK_API.adminDelete("/admin/realms/" + AuthstackKeycloak.REALM + "/sessions/" + sessionId);
				await().atMost(Duration.ofSeconds(10)).until(() -> tap.captured() != null);
			}
			finally {
				backchannelLogoutUrl(original);
			}
			assertThat(tap.forwardedStatus()).isEqualTo(200);
			assertThat(browser.session().code()).isEqualTo("revoked");

			Browser.Response replayed = new Browser(ORIGIN, "Apache-HttpClient")
				.sendForm("/api/auth/backchannel-logout", "logout_token=" + tap.captured());

			assertThat(replayed.status()).isEqualTo(400);
			assertThat(replayed.code()).isEqualTo("invalid_request");
			assertThat(replayed.json().get("detail").asString()).isEqualTo("Logout token already used.");
		}
	}

	/** Points the BFF client's back-channel logout at {@code url}; answers the URL it had. */
	private String backchannelLogoutUrl(String url) {
		String clients = "/admin/realms/" + AuthstackKeycloak.REALM + "/clients";
		JsonNode client = KEYCLOAK_API.adminGet(clients + "?clientId=authstack-bff").get(0);
		ObjectNode attributes = (ObjectNode) client.get("attributes");
		String original = attributes.get("backchannel.logout.url").asString();
		attributes.put("backchannel.logout.url", url);
		KEYCLOAK_API.adminPut(clients + "/" + client.get("id").asString(), client);
		return original;
	}

	/** Which of the browsers holds Keycloak session {@code sessionId}. */
	private Browser sessionOf(String sessionId, Browser... browsers) {
		for (Browser candidate : browsers) {
			if (candidate.cookie(REFRESH_COOKIE).map((c) -> refreshSessionId(c).equals(sessionId)).orElse(false)) {
				return candidate;
			}
		}
		throw new IllegalStateException("No browser holds session " + sessionId);
	}

	private String refreshSessionId(String sealed) {
		return this.json.readValue(this.sealer.open(sealed), RefreshEnvelope.class).sessionId();
	}

}
