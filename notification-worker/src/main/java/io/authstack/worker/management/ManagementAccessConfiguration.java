package io.authstack.worker.management;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the actuator. It listens on its own port, on loopback unless {@code management.server.address} says
 * otherwise; on top of that, every endpoint but health (with its liveness and readiness groups) and info asks for the
 * operator's credentials over HTTP Basic. Probes stay open because an orchestrator's probe carries no credentials as a
 * rule and they tell nothing but up or down; the Prometheus scrape carries them ({@code basic_auth}), since the
 * metrics tell how many emails fail and why. Opening the management address for a probe thus opens neither the
 * metrics nor the re-drive of parked emails.
 */
@Configuration(proxyBeanMethods = false)
class ManagementAccessConfiguration {

	static final String OPERATOR_ROLE = "OPERATOR";

	/** Readable without credentials: they tell nothing about any user or any email and change nothing. */
	static final String[] OPEN_ENDPOINTS = { "health", "info" };

	@Bean
	@ConditionalOnWebApplication(type = Type.SERVLET)
	SecurityFilterChain actuatorAccess(HttpSecurity http) throws Exception {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(OPEN_ENDPOINTS))
				.permitAll()
				.anyRequest()
				.hasRole(OPERATOR_ROLE))
			.httpBasic(Customizer.withDefaults())
			// Called by an operator's script with Basic credentials, no browser session: nothing for CSRF to ride.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * The operator, with the password hashed once at start-up. Defined in every kind of application, so that Spring
	 * Boot never creates its own user with a generated password, which it would log.
	 */
	@Bean
	UserDetailsService operator(OperatorProperties operator, PasswordEncoder passwordEncoder) {
		return new InMemoryUserDetailsManager(User.withUsername(operator.username())
			.password(passwordEncoder.encode(operator.password()))
			.roles(OPERATOR_ROLE)
			.build());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
