package io.authstack.bff.spa;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the demo SPA ({@code static/index.html}, {@code app.js}, {@code app.css}) at {@code /} and at the
 * paths of its pages, which include the paths of the links in our emails ({@code /verify-email#token=},
 * {@code /reset-password#token=}, {@code /forgot-password}, {@code /login}), and puts the security headers
 * on every answer.
 */
@Configuration(proxyBeanMethods = false)
class SpaConfiguration implements WebMvcConfigurer {

	/** The SPA's pages besides {@code /}: each is {@code index.html}, the script picks the view by path. */
	static final String[] PAGES = { "/login", "/register", "/verify-email", "/reset-password",
			"/forgot-password" };

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		for (String page : PAGES) {
			registry.addViewController(page).setViewName("forward:/index.html");
		}
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(SpaProperties spa) {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter(spa));
		registration.addUrlPatterns("/*");
		return registration;
	}

}
