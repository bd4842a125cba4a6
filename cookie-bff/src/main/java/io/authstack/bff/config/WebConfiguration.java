package io.authstack.bff.config;

import java.io.IOException;
import java.util.List;

import io.authstack.bff.binding.ClientContexts;
import io.authstack.bff.csrf.CsrfInterceptor;
import io.authstack.bff.session.SessionCheckInterceptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Which checks guard which calls: CSRF on every state-changing API call (except Keycloak's server-to-server
 * back-channel logout), then the session check on every API call that is not one of the public auth calls.
 * Every API answer is {@code Cache-Control: no-store}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/**
	 * The calls that establish, rotate or end a session (they check cookies themselves), and the accounts API,
	 * which is for people who are not logged in.
	 */
	static final String[] PUBLIC_AUTH_CALLS = { "/api/auth/login", "/api/auth/callback", "/api/auth/refresh",
			"/api/auth/logout", "/api/auth/backchannel-logout", "/api/auth/google",
			"/api/auth/google/nonce",
			"/api/accounts/**" };

	/** What the demo SPA reads before anyone is logged in: which login methods to show. */
	static final String SPA_CONFIG = "/api/spa/config";

	private final CsrfInterceptor csrf;

	private final SessionCheckInterceptor sessionCheck;

	private final ClientContexts clients;

	WebConfiguration(CsrfInterceptor csrf, SessionCheckInterceptor sessionCheck, ClientContexts clients) {
		this.csrf = csrf;
		this.sessionCheck = sessionCheck;
		this.clients = clients;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this.clients);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.csrf).addPathPatterns("/api/**").excludePathPatterns("/api/auth/backchannel-logout");
		registry.addInterceptor(this.sessionCheck).addPathPatterns("/api/**").excludePathPatterns(PUBLIC_AUTH_CALLS)
			.excludePathPatterns(SPA_CONFIG);
	}

	@Bean
	FilterRegistrationBean<NoStoreFilter> noStoreFilter() {
		FilterRegistrationBean<NoStoreFilter> registration = new FilterRegistrationBean<>(new NoStoreFilter());
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	/** API answers carry personal data or tokens in cookies: no cache may keep them. */
	static final class NoStoreFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			chain.doFilter(request, response);
		}

	}

}
