package io.authstack.bff.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of Keycloak's token response the BFF keeps.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") String refreshToken,
		@JsonProperty("refresh_expires_in") long refreshExpiresIn, @JsonProperty("id_token") String idToken) {

	@Override
	public String toString() {
		return "TokenResponse[expiresIn=" + this.expiresIn + ", refreshExpiresIn=" + this.refreshExpiresIn + "]";
	}

}
