package io.authstack.bff;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the BFF is reached by browsers.
 *
 * @param publicUrl the origin the SPA and the BFF are served from, e.g. {@code https://app.example.com}: the
 * default allowed {@code Origin}, and the base of every link and redirect the BFF builds (never {@code Host})
 */
@Validated
@ConfigurationProperties("authstack.bff")
public record BffProperties(@NotNull URI publicUrl) {

	/** The public URL's origin ({@code scheme://host[:port]}), as browsers send it in {@code Origin}. */
	public String publicOrigin() {
		String origin = this.publicUrl.getScheme() + "://" + this.publicUrl.getHost();
		return (this.publicUrl.getPort() == -1) ? origin : origin + ":" + this.publicUrl.getPort();
	}

}
