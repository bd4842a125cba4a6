package io.authstack.keycloak.risk;

import org.keycloak.representations.account.DeviceRepresentation;

/**
 * The name a user recognises a device by, e.g. "Firefox on Linux", from what Keycloak's own
 * User-Agent parser (the one behind the account console's device activity) makes of the request.
 */
public final class DeviceLabel {

	static final String UNKNOWN = "Unknown device";

	private static final int MAX_LENGTH = 80;

	private DeviceLabel() {
	}

	public static String of(DeviceRepresentation device) {
		if (device == null) {
			return UNKNOWN;
		}
		return of(device.getBrowser(), device.getOs());
	}

	/**
	 * @param browser Keycloak's browser string, {@code family/version}
	 * @param os the operating system family
	 */
	static String of(String browser, String os) {
		String family = known(browser == null ? null : browser.split("/", 2)[0]);
		String system = known(os);
		String label;
		if (family == null && system == null) {
			label = UNKNOWN;
		}
		else if (system == null) {
			label = family;
		}
		else if (family == null) {
			label = "Unknown browser on " + system;
		}
		else {
			label = family + " on " + system;
		}
		return (label.length() > MAX_LENGTH) ? label.substring(0, MAX_LENGTH) : label;
	}

	private static String known(String value) {
		if (value == null || value.isBlank() || value.equalsIgnoreCase("Other")
				|| value.equalsIgnoreCase(DeviceRepresentation.UNKNOWN)) {
			return null;
		}
		return value.strip();
	}

}
