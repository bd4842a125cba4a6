package io.authstack.bff.management;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorAccessFilterTest {

	private final OperatorAccessFilter filter = new OperatorAccessFilter("/actuator",
			new OperatorProperties("operator", "s3cret pässword"));

	@Test
	void healthItsGroupsAndInfoAnswerAnyone() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/info" }) {
			assertThat(passes(path, null)).as(path).isTrue();
		}
	}

	@Test
	void prometheusAndTheEndpointListAskForTheOperatorWithABasicChallenge() throws Exception {
		for (String path : new String[] { "/actuator/prometheus", "/actuator", "/actuator/healthz" }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			MockFilterChain chain = new MockFilterChain();
			this.filter.doFilter(request(path, null), response, chain);

			assertThat(chain.getRequest()).as(path).isNull();
			assertThat(response.getStatus()).as(path).isEqualTo(401);
			assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic realm=");
		}
	}

	@Test
	void theOperatorsCredentialsPassAndAnyOthersDoNot() throws Exception {
		assertThat(passes("/actuator/prometheus", basic("operator:s3cret pässword"))).isTrue();
		assertThat(passes("/actuator/prometheus", basic("operator:s3cret pässwor"))).isFalse();
		assertThat(passes("/actuator/prometheus", basic("Operator:s3cret pässword"))).isFalse();
		assertThat(passes("/actuator/prometheus", "Basic not-base64!")).isFalse();
		assertThat(passes("/actuator/prometheus", "Bearer " + basic("operator:s3cret pässword").substring(6)))
			.isFalse();
	}

	private boolean passes(String path, String authorization) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request(path, authorization), new MockHttpServletResponse(), chain);
		return chain.getRequest() != null;
	}

	private static MockHttpServletRequest request(String path, String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
