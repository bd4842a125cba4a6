package io.authstack.keycloak.risk;

/**
 * Why a login looks unusual. The names are what events, user session notes and emails carry, so they are
 * stable: the BFF and dashboards match on them.
 */
public enum RiskReason {

	/** The device fingerprint is not among the user's trusted devices (or its trust expired). */
	NEW_DEVICE("new_device"),

	/** The client address is outside every network prefix the user's known devices came from. */
	NEW_IP_PREFIX("new_ip_prefix"),

	/** Keycloak's brute-force records hold failed logins for this user since the last success. */
	RECENT_FAILURES("recent_failures");

	private final String code;

	RiskReason(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
