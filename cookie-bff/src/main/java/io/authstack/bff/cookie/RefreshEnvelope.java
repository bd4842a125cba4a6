package io.authstack.bff.cookie;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.util.Assert;

/**
 * What the refresh cookie holds once opened. {@code sid} and {@code jti} are copied out of the refresh token
 * at sealing time, so revocation checks need not parse it.
 *
 * @param version the envelope format, {@link #VERSION}
 * @param refreshToken Keycloak's refresh token
 * @param sessionId the Keycloak session ({@code sid}): the token family
 * @param tokenId the refresh token's {@code jti}
 * @param fingerprint the hash of the login's device fingerprint
 * @param ipPrefix the hash of the login's IP prefix
 */
public record RefreshEnvelope(@JsonProperty("v") int version, @JsonProperty("rt") String refreshToken,
		@JsonProperty("sid") String sessionId, @JsonProperty("jti") String tokenId,
		@JsonProperty("fp") String fingerprint, @JsonProperty("ipp") String ipPrefix) {

	public static final int VERSION = 1;

	public RefreshEnvelope {
		// An envelope of another format version, or with a part missing, is not a cookie we sealed.
		Assert.isTrue(version == VERSION, "unknown envelope version");
		Assert.hasText(refreshToken, "refreshToken cannot be empty");
		Assert.hasText(sessionId, "sessionId cannot be empty");
		Assert.hasText(tokenId, "tokenId cannot be empty");
		Assert.hasText(fingerprint, "fingerprint cannot be empty");
		Assert.hasText(ipPrefix, "ipPrefix cannot be empty");
	}

	@Override
	public String toString() {
		return "RefreshEnvelope[v=" + this.version + ", sid=" + this.sessionId + "]";
	}

}
