package io.authstack.keycloak.google;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.keycloak.Config;

import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.ADDITIONAL_AUDIENCES;
import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.CLOCK_SKEW_SECONDS;
import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.DEFAULT_CLOCK_SKEW_SECONDS;
import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.DEFAULT_ISSUERS;
import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.DEFAULT_JWKS_URL;
import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.ISSUERS;
import static io.authstack.keycloak.google.GoogleIdTokenConfigProperties.JWKS_URL;

/**
 * The grant's server-wide settings: facts about Google (where its keys are, which issuers it uses) and the
 * clock tolerance. Per-realm settings (client ids, hosted domains) come from the realm's {@code google}
 * identity provider.
 *
 * @param additionalAudiences client ids accepted as {@code aud} besides the identity provider's own
 */
public record GoogleIdTokenSettings(String jwksUrl, Set<String> issuers, Set<String> additionalAudiences,
		Duration clockSkew) {

	/** Reads {@code --spi-oauth2-grant-type--google-id-token--<key>} options, with Google's defaults. */
	public static GoogleIdTokenSettings from(Config.Scope scope) {
		return new GoogleIdTokenSettings(scope.get(JWKS_URL, DEFAULT_JWKS_URL), list(scope.get(ISSUERS, DEFAULT_ISSUERS)),
				list(scope.get(ADDITIONAL_AUDIENCES, "")),
				Duration.ofSeconds(scope.getInt(CLOCK_SKEW_SECONDS, DEFAULT_CLOCK_SKEW_SECONDS)));
	}

	/** A comma-separated list, blanks dropped, order kept. */
	static Set<String> list(String commaSeparated) {
		Set<String> values = new LinkedHashSet<>();
		if (commaSeparated != null) {
			Arrays.stream(commaSeparated.split(",")).map(String::trim).filter((v) -> !v.isEmpty()).forEach(values::add);
		}
		return values;
	}

}
