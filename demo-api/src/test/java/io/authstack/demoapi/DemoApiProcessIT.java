package io.authstack.demoapi;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.authstack.testkit.DemoApiProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testkit's {@link DemoApiProcess}, as the BFF's relay tests will use it: the packaged jar in a JVM of its own,
 * told the test Keycloak's issuer, accepts an exchanged token and refuses the BFF's own.
 */
class DemoApiProcessIT extends DemoApiIntegrationTest {

	@Test
	void packagedDemoApiInItsOwnJvmAcceptsOnlyTheExchangedToken() {
		User user = signedInUser();

		try (DemoApiProcess demoApi = DemoApiProcess.start(KEYCLOAK)) {
			HttpResponse<String> exchanged = whoami(demoApi, exchangedForDemoApi(user));
			HttpResponse<String> bffsOwn = whoami(demoApi, user.accessToken());

			assertThat(demoApi.pid()).isNotEqualTo(ProcessHandle.current().pid());
			assertThat(exchanged.statusCode()).isEqualTo(200);
			assertThat(json(exchanged).get("subject").asString()).isEqualTo(user.id());
			assertThat(bffsOwn.statusCode()).isEqualTo(401);
			assertThat(json(bffsOwn).get("code").asString()).isEqualTo("invalid_audience");
		}
	}

	private static HttpResponse<String> whoami(DemoApiProcess demoApi, String token) {
		return send(HttpRequest.newBuilder(demoApi.baseUrl().resolve("/whoami"))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
