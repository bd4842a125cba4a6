package io.authstack.bff.cookie;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.util.Assert;

/**
 * What the Google nonce cookie holds between {@code POST /api/auth/google/nonce} and the sign-in: the nonce this
 * browser handed Google Identity Services, which the ID token Google returns must carry.
 *
 * @param version the envelope format, {@link #VERSION}
 * @param nonce the nonce, 256 random bits, base64url
 * @param fingerprint the hash of the device fingerprint that asked for it
 * @param expiresAt when it stops being accepted (epoch seconds): the cookie's {@code Max-Age} binds only the
 * browser, this binds a copied cookie too
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#NonceNotes">OIDC Core §15.5.2 nonce
 * implementation notes</a>
 */
public record GoogleNonceEnvelope(@JsonProperty("v") int version, @JsonProperty("n") String nonce,
		@JsonProperty("fp") String fingerprint, @JsonProperty("exp") long expiresAt) {

	public static final int VERSION = 1;

	public GoogleNonceEnvelope {
		Assert.isTrue(version == VERSION, "unknown envelope version");
		Assert.hasText(nonce, "nonce cannot be empty");
		Assert.hasText(fingerprint, "fingerprint cannot be empty");
	}

	@Override
	public String toString() {
		return "GoogleNonceEnvelope[v=" + this.version + "]";
	}

}
