package io.authstack.bff.it;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

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
