package io.authstack.bff.cookie;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link CookieSealer} of the application, built from the configured key ring. */
@Configuration(proxyBeanMethods = false)
class CookieConfiguration {

	@Bean
	CookieSealer cookieSealer(CookieProperties properties) {
		return new CookieSealer(properties.keys());
	}

}
