package io.authstack.demoapi.whoami;

import java.net.http.HttpResponse;
import java.util.Map;

import io.authstack.demoapi.DemoApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tokens {@code /whoami} accepts, and what it tells about the caller and the request. */
class WhoamiIT extends DemoApiIntegrationTest {

	@Test
	void tokenExchangedForTheDemoApiIsAcceptedAndNamesTheUser() {
		User user = signedInUser();

		HttpResponse<String> response = get("/whoami", exchangedForDemoApi(user), Map.of());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode whoami = json(response);
		assertThat(whoami.get("subject").asString()).isEqualTo(user.id());
		assertThat(whoami.get("audience").values()).extracting(JsonNode::asString).containsExactly(AUDIENCE);
		assertThat(whoami.get("preferredUsername").asString()).isEqualTo(user.username());
		assertThat(whoami.get("name").asString()).isEqualTo("Test User");
		assertThat(whoami.get("realmRoles").values()).extracting(JsonNode::asString).contains("user");
		assertThat(whoami.get("receivedCookie").asBoolean()).isFalse();
		assertThat(whoami.get("forwardedFor").isNull()).isTrue();
	}

	@Test
	void whoamiTellsWhichCookieAndForwardedHeadersArrived() {
		String token = exchangedForDemoApi(signedInUser());

		JsonNode whoami = json(get("/whoami", token, Map.of("Cookie", "__Host-Http-access=sealed",
				"X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example.test")));

		assertThat(whoami.get("receivedCookie").asBoolean()).isTrue();
		assertThat(whoami.get("forwardedFor").asString()).isEqualTo("203.0.113.7");
		assertThat(whoami.get("forwardedProto").asString()).isEqualTo("https");
		assertThat(whoami.get("forwardedHost").asString()).isEqualTo("app.example.test");
	}

	/** A token stolen from the BFF (aud not demo-api) is no key to the demo API: the BFF must exchange it. */
	@Test
	void bffsOwnAccessTokenIsRefusedAsNotMeantForTheDemoApi() {
		User user = signedInUser();

		HttpResponse<String> response = get("/whoami", user.accessToken(), Map.of());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asString()).isEqualTo("invalid_audience");
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer ")
			.contains("error=\"invalid_token\"");
	}

	@Test
	void requestWithoutTokenIsA401ProblemWithABearerChallenge() {
		HttpResponse<String> response = get("/whoami", null, Map.of());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("code").asString()).isEqualTo("missing_token");
		assertThat(json(response).get("status").asInt()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
	}

	/** The exchanged token with one character of its signature changed: signed by nobody the realm knows. */
	@Test
	void tamperedTokenIsRefusedAsInvalid() {
		String token = exchangedForDemoApi(signedInUser());
		char last = token.charAt(token.length() - 2);
		String tampered = token.substring(0, token.length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ token.charAt(token.length() - 1);

		HttpResponse<String> response = get("/whoami", tampered, Map.of());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("code").asString()).isEqualTo("invalid_token");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

}
