package io.authstack.bff.it;

import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.cookie.RefreshEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's audience route to the demo API as it ships: a resource server that accepts only Keycloak-signed
 * tokens whose audience is {@code demo-api}. The BFF exchanges the user's token for one (RFC 8693), so the user's
 * own token never reaches the API, and the API sees the user, never a cookie.
 */
class DemoApiRelayIT extends BffIntegrationTest {

	@Autowired
	private CookieSealer sealer;

	@Autowired
	private JsonMapper json;

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void theDemoApiGetsAnExchangedTokenForItsAudienceAndSeesTheUserButNoCookie() throws Exception {
		User user = newUser();
		Browser browser = loggedIn(user);

		Browser.Response whoami = browser.get("/api/demo/whoami");

		assertThat(whoami.status()).isEqualTo(200);
		JsonNode answer = whoami.json();
		assertThat(answer.get("subject").asString()).isEqualTo(user.id());
		assertThat(answer.get("preferredUsername").asString()).isEqualTo(user.username());
		assertThat(answer.get("audience").values()).extracting(JsonNode::asString).containsExactly("demo-api");
		assertThat(answer.get("receivedCookie").asBoolean()).isFalse();
		assertThat(answer.get("forwardedHost").asString()).isEqualTo("localhost:" + PORT);
		// The user's own token is for the BFF: the API would refuse it, and it is not what was sent.
		List<String> ownAudience = SignedJWT.parse(accessToken(browser)).getJWTClaimsSet().getAudience();
		assertThat(ownAudience).doesNotContain("demo-api");
	}

	@Test
	void theExchangedTokenIsKeptForTheSessionAndDroppedAtLogout() {
		Browser browser = loggedIn(newUser());
		Browser copy = browser.frozen();
		String cached = "tx:" + this.json.readValue(this.sealer.open(browser.cookie(REFRESH_COOKIE).orElseThrow()),
				RefreshEnvelope.class).sessionId() + ":demo";
		assertThat(browser.get("/api/demo/whoami").status()).isEqualTo(200);
		assertThat(this.redis.hasKey(cached)).isTrue();
		assertThat(browser.get("/api/demo/whoami").status()).isEqualTo(200);

		assertThat(browser.logout().status()).isEqualTo(204);
		Browser.Response afterLogout = copy.get("/api/demo/whoami");

		assertThat(this.redis.hasKey(cached)).isFalse();
		assertThat(afterLogout.status()).isEqualTo(401);
		assertThat(afterLogout.code()).isEqualTo("revoked");
	}

	private String accessToken(Browser browser) {
		return this.json.readValue(this.sealer.open(browser.cookie(ACCESS_COOKIE).orElseThrow()), AccessEnvelope.class)
			.accessToken();
	}

}
