package io.authstack.bff.spa;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the demo SPA offers besides the password and redirect logins.
 *
 * @param googleClientId the Google OAuth web client id for the "Sign in with Google" button; empty (the
 * default) hides the button and keeps Google's origins out of the Content-Security-Policy
 * @param demoApi the relayed path the demo SPA's "Call the API" button asks (a GET through
 * {@code authstack.bff.apis}, e.g. {@code /api/demo/whoami}); empty (the default) hides the panel
 */
@Validated
@ConfigurationProperties("authstack.bff.spa")
public record SpaProperties(String googleClientId, String demoApi) {

	public SpaProperties {
		googleClientId = (googleClientId != null) ? googleClientId.trim() : "";
		demoApi = (demoApi != null) ? demoApi.trim() : "";
	}

	/** Whether the Google button is shown. */
	public boolean googleConfigured() {
		return !this.googleClientId.isEmpty();
	}

}
