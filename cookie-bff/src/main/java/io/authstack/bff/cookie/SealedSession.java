package io.authstack.bff.cookie;

import java.time.Instant;

/**
 * Both session cookies, sealed and known to fit, ready to be written to any response until they expire: what a
 * refresh rotation leaves for the requests that share it, so that none of them seals the tokens again.
 *
 * @param access the sealed access cookie
 * @param accessExpiresAt epoch second when the access token expires
 * @param refresh the sealed refresh cookie
 * @param refreshExpiresAt epoch second when the refresh token expires
 */
public record SealedSession(String access, long accessExpiresAt, String refresh, long refreshExpiresAt) {

	public Instant accessExpiry() {
		return Instant.ofEpochSecond(this.accessExpiresAt);
	}

	public Instant refreshExpiry() {
		return Instant.ofEpochSecond(this.refreshExpiresAt);
	}

}
