package io.authstack.bff.csrf;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which origins may make state-changing calls.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}) besides the public URL's own
 */
@Validated
@ConfigurationProperties("authstack.bff.csrf")
public record CsrfProperties(List<String> allowedOrigins) {

	public CsrfProperties {
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
	}

}
