package io.authstack.bff.spa;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersFilterTest {

	@Test
	void withoutGoogleThePolicyAllowsThisOriginOnlyAndNoInlineScript() throws Exception {
		MockHttpServletResponse response = filter(new SpaProperties("", ""));

		assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; script-src 'self'; "
				+ "style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'none'; form-action 'self'; "
				+ "frame-ancestors 'none'; base-uri 'none'");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
	}

	@Test
	void withGoogleConfiguredThePolicyAlsoAllowsGooglesSignInScriptFrameAndStyle() throws Exception {
		String policy = filter(new SpaProperties(" 123.apps.googleusercontent.com ", "")).getHeader("Content-Security-Policy");

		assertThat(policy).contains("script-src 'self' https://accounts.google.com/gsi/client;",
				"style-src 'self' https://accounts.google.com/gsi/style;",
				"connect-src 'self' https://accounts.google.com/gsi/;", "frame-src https://accounts.google.com/gsi/;",
				"frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
	}

	private static MockHttpServletResponse filter(SpaProperties properties) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new SecurityHeadersFilter(properties).doFilter(new MockHttpServletRequest("GET", "/"), response,
				new MockFilterChain());
		return response;
	}

}
