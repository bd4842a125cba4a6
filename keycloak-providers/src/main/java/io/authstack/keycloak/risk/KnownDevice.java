package io.authstack.keycloak.risk;

import java.time.Instant;

/**
 * A device a user has signed in from successfully.
 *
 * @param id the device fingerprint ({@link DeviceFingerprinter})
 * @param label what a human recognises, e.g. "Firefox on Linux"
 * @param ipPrefix the network of the last sign-in from it, e.g. {@code 203.0.113.0/24}
 * @param firstSeen epoch seconds of the first successful sign-in from it
 * @param lastSeen epoch seconds of the latest successful sign-in from it
 */
public record KnownDevice(String id, String label, String ipPrefix, long firstSeen, long lastSeen) {

	/** Whether the device was seen within {@code trustLifetimeDays} of {@code now}. */
	public boolean isTrustedAt(Instant now, int trustLifetimeDays) {
		return Instant.ofEpochSecond(this.lastSeen).plusSeconds(trustLifetimeDays * 86_400L).isAfter(now);
	}

}
