package io.authstack.bff.cookie;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.util.Assert;

/**
 * What the refresh cookie holds once opened. {@code sid}, {@code jti}, {@code sub}, {@code iat} and {@code exp}
 * are copied out of the refresh token at sealing time, so a refresh need not parse it. Cookies sealed before
 * version 2 lack the last three: they are read from the token then, so nobody is logged out by the change.
 *
 * @param version the envelope format: {@link #VERSION}, or 1 (without {@code sub}, {@code iat}, {@code exp})
 * @param refreshToken Keycloak's refresh token
 * @param sessionId the Keycloak session ({@code sid}): the token family
 * @param tokenId the refresh token's {@code jti}
 * @param fingerprint the hash of the login's device fingerprint
 * @param ipPrefix the hash of the login's IP prefix
 * @param subject the refresh token's {@code sub}; null in version 1
 * @param issuedAt the refresh token's {@code iat} in epoch seconds; null in version 1
 * @param expiresAt the refresh token's {@code exp} in epoch seconds; null in version 1
 */
public record RefreshEnvelope(@JsonProperty("v") int version, @JsonProperty("rt") String refreshToken,
		@JsonProperty("sid") String sessionId, @JsonProperty("jti") String tokenId,
		@JsonProperty("fp") String fingerprint, @JsonProperty("ipp") String ipPrefix,
		@JsonProperty("sub") String subject, @JsonProperty("iat") Long issuedAt, @JsonProperty("exp") Long expiresAt) {

	public static final int VERSION = 2;

	private static final int WITHOUT_CLAIMS = 1;

	public RefreshEnvelope {
		// An envelope of another format version, or with a part missing, is not a cookie we sealed.
		Assert.isTrue(version == VERSION || version == WITHOUT_CLAIMS, "unknown envelope version");
		Assert.isTrue(version == WITHOUT_CLAIMS || (subject != null && issuedAt != null && expiresAt != null),
				"a version 2 envelope carries sub, iat and exp");
		Assert.hasText(refreshToken, "refreshToken cannot be empty");
		Assert.hasText(sessionId, "sessionId cannot be empty");
		Assert.hasText(tokenId, "tokenId cannot be empty");
		Assert.hasText(fingerprint, "fingerprint cannot be empty");
		Assert.hasText(ipPrefix, "ipPrefix cannot be empty");
	}

	/** Whether {@code sub}, {@code iat} and {@code exp} are here, or must be read from the token. */
	public boolean carriesClaims() {
		return this.version == VERSION;
	}

	@Override
	public String toString() {
		return "RefreshEnvelope[v=" + this.version + ", sid=" + this.sessionId + "]";
	}

}
