package io.authstack.demoapi.token;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which access tokens the demo API accepts.
 *
 * @param issuer the realm's issuer, e.g. {@code http://localhost:8180/realms/authstack}; tokens must carry it as
 * {@code iss}
 * @param jwkSetUri where the realm's signing keys are; by default Keycloak's fixed path below the issuer, so that
 * the API starts without asking Keycloak anything (the keys are fetched on the first request, again on an unknown
 * {@code kid})
 * @param audience what the token's {@code aud} must contain: this API's client id in the realm
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4, validating JWT access tokens</a>
 */
@Validated
@ConfigurationProperties("authstack.demo-api.token")
public record TokenProperties(@NotNull URI issuer, URI jwkSetUri, @NotBlank String audience, Duration clockSkew) {

	public TokenProperties {
		audience = (audience != null) ? audience : "demo-api";
		clockSkew = (clockSkew != null) ? clockSkew : Duration.ofSeconds(30);
		if (jwkSetUri == null && issuer != null) {
			jwkSetUri = URI.create(issuer.toString().replaceAll("/+$", "") + "/protocol/openid-connect/certs");
		}
	}

}
