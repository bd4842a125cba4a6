package io.authstack.keycloak.risk;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a sign-in compares with the user's known devices, and whether that warrants the configured action.
 * <p>
 * The first device a user ever signs in from is trusted on first use (no {@code new_device}) unless the
 * admin asks for an alert on it: otherwise every new account would start with an alert. Recent failures
 * are reported but never trigger the action on their own: with {@code deny} they would lock the owner out
 * of a known device, which is the brute-force protector's job, not ours.
 *
 * @param reasons what is unusual about the sign-in
 * @param actionRequired whether the configured action applies
 */
public record RiskAssessment(Set<RiskReason> reasons, boolean actionRequired) {

	public RiskAssessment {
		reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reasons));
	}

	/**
	 * @param known the user's known devices
	 * @param deviceId the fingerprint of this sign-in
	 * @param ipPrefix the client's network
	 * @param recentFailures failed logins recorded since the user's last success
	 * @param now the time of the sign-in
	 * @param config the execution's settings
	 */
	public static RiskAssessment of(KnownDevices known, String deviceId, String ipPrefix, int recentFailures,
			Instant now, DeviceRiskConfig config) {
		Set<RiskReason> reasons = EnumSet.noneOf(RiskReason.class);
		boolean firstDevice = known.isEmpty();
		boolean trusted = known.find(deviceId)
			.filter((device) -> device.isTrustedAt(now, config.trustLifetimeDays()))
			.isPresent();
		if (!trusted && (!firstDevice || config.alertOnFirstDevice())) {
			reasons.add(RiskReason.NEW_DEVICE);
		}
		if (!firstDevice && !known.cameFrom(ipPrefix)) {
			reasons.add(RiskReason.NEW_IP_PREFIX);
		}
		if (config.recentFailuresThreshold() > 0 && recentFailures >= config.recentFailuresThreshold()) {
			reasons.add(RiskReason.RECENT_FAILURES);
		}
		boolean actionRequired = reasons.contains(RiskReason.NEW_DEVICE)
				|| (reasons.contains(RiskReason.NEW_IP_PREFIX) && config.ipPrefixChangeCounts());
		return new RiskAssessment(reasons, actionRequired);
	}

	/** The reasons as event details and notes carry them: codes, comma-separated, in a stable order. */
	public String reasonCodes() {
		return this.reasons.stream()
			.sorted()
			.map(RiskReason::code)
			.collect(Collectors.joining(","));
	}

}
