package io.authstack.keycloak.google;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The grant's server options, {@code --spi-oauth2-grant-type--google-id-token--<name>=<value>} (or
 * {@code KC_SPI_OAUTH2_GRANT_TYPE__GOOGLE_ID_TOKEN__<NAME>}), as shown in the admin console's provider info.
 */
final class GoogleIdTokenConfigProperties {

	static final String JWKS_URL = "jwks-url";

	static final String ISSUERS = "issuers";

	static final String ADDITIONAL_AUDIENCES = "additional-audiences";

	static final String CLOCK_SKEW_SECONDS = "clock-skew-seconds";

	static final String DEFAULT_JWKS_URL = "https://www.googleapis.com/oauth2/v3/certs";

	static final String DEFAULT_ISSUERS = "https://accounts.google.com,accounts.google.com";

	static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;

	static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
		.property()
		.name(JWKS_URL)
		.label("Google JWKS URL")
		.helpText("Where Google publishes the keys that sign its ID tokens. Change it only to point tests at a "
				+ "fake issuer.")
		.type(ProviderConfigProperty.STRING_TYPE)
		.defaultValue(DEFAULT_JWKS_URL)
		.add()
		.property()
		.name(ISSUERS)
		.label("Accepted issuers")
		.helpText("Comma-separated 'iss' values a Google ID token may carry. Google uses both forms.")
		.type(ProviderConfigProperty.STRING_TYPE)
		.defaultValue(DEFAULT_ISSUERS)
		.add()
		.property()
		.name(ADDITIONAL_AUDIENCES)
		.label("Additional client ids")
		.helpText("Comma-separated Google OAuth client ids accepted as 'aud' besides the client id of the realm's "
				+ "'google' identity provider (for example a One Tap or mobile client id).")
		.type(ProviderConfigProperty.STRING_TYPE)
		.defaultValue("")
		.add()
		.property()
		.name(CLOCK_SKEW_SECONDS)
		.label("Clock skew (seconds)")
		.helpText("How far the token's 'exp' and 'iat' may be off from this server's clock.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(DEFAULT_CLOCK_SKEW_SECONDS)
		.add()
		.build();

	private GoogleIdTokenConfigProperties() {
	}

}
