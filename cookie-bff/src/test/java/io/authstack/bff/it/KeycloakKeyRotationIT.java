package io.authstack.bff.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keycloak starts signing with a new key: the BFF fetches the realm's JWKS again, nobody restarts. */
class KeycloakKeyRotationIT extends BffIntegrationTest {

	@Autowired
	private CookieSealer sealer;

	@Autowired
	private JsonMapper json;

	@Test
	void tokenSignedWithANewKeycloakKeyIsVerifiedAfterTheJwksIsFetchedAgain() throws Exception {
		Browser before = loggedIn(newUser());
		assertThat(before.session().status()).isEqualTo(200);
		String realmId = KEYCLOAK_API.adminGet("/admin/realms/" + AuthstackKeycloak.REALM).get("id").asString();

		KEYCLOAK_API.adminPost("/admin/realms/" + AuthstackKeycloak.REALM + "/components",
				Map.of("name", "rotated-rsa-" + System.nanoTime(), "providerId", "rsa-generated", "providerType",
						"org.keycloak.keys.KeyProvider", "parentId", realmId, "config",
						Map.of("priority", List.of("1000"), "algorithm", List.of("RS256"))));
		Browser after = loggedIn(newUser()).frozen();

		assertThat(signingKid(after)).isNotEqualTo(signingKid(before));
		// The JWKS is refetched on the unknown kid (at most every 30 s): the new session works once it is.
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> after.session().status() == 200);
		assertThat(before.session().status()).isEqualTo(200);
	}

	private String signingKid(Browser browser) throws java.text.ParseException {
		AccessEnvelope envelope = this.json.readValue(this.sealer.open(browser.cookie(ACCESS_COOKIE).orElseThrow()),
				AccessEnvelope.class);
		return SignedJWT.parse(envelope.accessToken()).getHeader().getKeyID();
	}

}
