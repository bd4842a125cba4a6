package io.authstack.bff.management;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts {@link OperatorAccessFilter} in front of the actuator, in the context that serves it: the management context
 * on its own port (the BFF's default, on loopback), or the application's when someone sets the same port for both;
 * either way it covers only the actuator's base path.
 * <p>
 * Loaded through {@code META-INF/spring/...ManagementContextConfiguration.imports}, never by component scanning: a
 * plain class, so that the application's context does not get the filter as well while the actuator has a port of
 * its own.
 */
class ManagementAccessConfiguration {

	@Bean
	FilterRegistrationBean<OperatorAccessFilter> operatorAccessFilter(WebEndpointProperties endpoints,
			OperatorProperties operator) {
		String basePath = endpoints.getBasePath();
		FilterRegistrationBean<OperatorAccessFilter> registration = new FilterRegistrationBean<>(
				new OperatorAccessFilter(basePath, operator));
		registration.addUrlPatterns(basePath + "/*", basePath);
		// Before anything else the context runs for a request.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
