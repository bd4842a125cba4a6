package io.authstack.bff.keycloak;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the BFF reaches Keycloak, as the confidential client it is.
 *
 * @param issuer the realm's issuer, e.g. {@code http://localhost:8180/realms/authstack}; the token, JWKS and
 * logout endpoints are Keycloak's fixed paths below it
 * @param clientId the BFF's client id; access tokens must carry it as {@code azp}
 * @param clientSecret the BFF's client secret
 * @param directGrantEnabled whether {@code POST /api/auth/login} may use the password grant (RFC 9700 §2.4
 * says it must not be used; off unless configured)
 * @param connectTimeout how long to wait for a connection to Keycloak
 * @param timeout how long to wait for Keycloak's answer: past it the client gets {@code upstream_unavailable}
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#TokenEndpoint">OIDC Core §3.1.3</a>
 */
@Validated
@ConfigurationProperties("authstack.bff.keycloak")
public record KeycloakProperties(@NotNull URI issuer, @NotBlank String clientId, @NotBlank String clientSecret,
		boolean directGrantEnabled, Duration connectTimeout, Duration timeout, Duration clockSkew) {

	public KeycloakProperties {
		clientId = (clientId != null) ? clientId : "authstack-bff";
		connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(2);
		timeout = (timeout != null) ? timeout : Duration.ofSeconds(5);
		clockSkew = (clockSkew != null) ? clockSkew : Duration.ofSeconds(30);
	}

	@Override
	public String toString() {
		return "KeycloakProperties[issuer=" + this.issuer + ", clientId=" + this.clientId + "]";
	}

	/** The realm's name, the last segment of the issuer ({@code .../realms/<realm>}). */
	public String realm() {
		String issuer = this.issuer.toString().replaceAll("/+$", "");
		return issuer.substring(issuer.lastIndexOf('/') + 1);
	}

	URI endpoint(String path) {
		return URI.create(this.issuer.toString().replaceAll("/+$", "") + "/protocol/openid-connect/" + path);
	}

}
