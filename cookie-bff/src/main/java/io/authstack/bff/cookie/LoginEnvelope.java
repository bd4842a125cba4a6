package io.authstack.bff.cookie;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.util.Assert;

/**
 * What the redirect login's cookie holds between {@code GET /api/auth/login} and the callback.
 *
 * @param version the envelope format, {@link #VERSION}
 * @param state the OAuth {@code state} sent to Keycloak
 * @param nonce the OIDC {@code nonce} the ID token must carry
 * @param codeVerifier the PKCE verifier whose S256 challenge was sent
 * @param returnTo the same-origin path to land on afterwards
 * @param fingerprint the hash of the device fingerprint that started the login
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1">RFC 9700 §2.1</a>
 */
public record LoginEnvelope(@JsonProperty("v") int version, @JsonProperty("st") String state,
		@JsonProperty("n") String nonce, @JsonProperty("cv") String codeVerifier, @JsonProperty("to") String returnTo,
		@JsonProperty("fp") String fingerprint) {

	public static final int VERSION = 1;

	public LoginEnvelope {
		Assert.isTrue(version == VERSION, "unknown envelope version");
		Assert.hasText(state, "state cannot be empty");
		Assert.hasText(nonce, "nonce cannot be empty");
		Assert.hasText(codeVerifier, "codeVerifier cannot be empty");
		Assert.hasText(returnTo, "returnTo cannot be empty");
		Assert.hasText(fingerprint, "fingerprint cannot be empty");
	}

	@Override
	public String toString() {
		return "LoginEnvelope[v=" + this.version + "]";
	}

}
