package io.authstack.bff.cookie;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.util.Assert;

/**
 * What the access cookie holds once opened.
 *
 * @param version the envelope format, {@link #VERSION}
 * @param accessToken Keycloak's access token, as Keycloak signed it
 * @param fingerprint the hash of the login's device fingerprint
 * @param ipPrefix the hash of the login's IP prefix
 */
public record AccessEnvelope(@JsonProperty("v") int version, @JsonProperty("at") String accessToken,
		@JsonProperty("fp") String fingerprint, @JsonProperty("ipp") String ipPrefix) {

	public static final int VERSION = 1;

	public AccessEnvelope {
		// An envelope of another format version, or with a part missing, is not a cookie we sealed.
		Assert.isTrue(version == VERSION, "unknown envelope version");
		Assert.hasText(accessToken, "accessToken cannot be empty");
		Assert.hasText(fingerprint, "fingerprint cannot be empty");
		Assert.hasText(ipPrefix, "ipPrefix cannot be empty");
	}

	@Override
	public String toString() {
		return "AccessEnvelope[v=" + this.version + "]";
	}

}
