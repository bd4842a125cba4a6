package io.authstack.bff.spa;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the demo SPA offers besides the password and redirect logins.
 *
 * @param googleClientId the Google OAuth web client id for the "Sign in with Google" button; empty (the
 * default) hides the button and keeps Google's origins out of the Content-Security-Policy
 */
@Validated
@ConfigurationProperties("authstack.bff.spa")
public record SpaProperties(String googleClientId) {

	public SpaProperties {
		googleClientId = (googleClientId != null) ? googleClientId.trim() : "";
	}

	/** Whether the Google button is shown. */
	public boolean googleConfigured() {
		return !this.googleClientId.isEmpty();
	}

}
