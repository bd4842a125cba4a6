package io.authstack.demoapi.token;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every endpoint but the health check needs a bearer token of the realm, signed with one of its keys, unexpired,
 * from its issuer and for this API's audience. Stateless: no session, no cookie is ever read, so there is nothing
 * for a cross-site request to ride on and CSRF protection has nothing to protect.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750">RFC 6750, bearer token usage</a>
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	static final String HEALTH = "/actuator/health";

	@Bean
	JwtDecoder jwtDecoder(TokenProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer().toString()), new AudienceValidator(properties.audience())));
		return decoder;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint) {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HEALTH).permitAll().anyRequest().authenticated())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()).authenticationEntryPoint(problemEntryPoint))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problemEntryPoint))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * RFC 6750's {@code WWW-Authenticate} challenge from Spring's entry point, then the problem detail from the
	 * one problem advice, so that a refused token reads like every other error of the API.
	 */
	@Bean
	AuthenticationEntryPoint problemEntryPoint(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
			challenge.commence(request, response, failure);
			problems.resolveException(request, response, null, failure);
		};
	}

}
