package io.authstack.keycloak.risk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the authenticator does when a login is risky; an admin picks one per flow execution.
 */
public enum DeviceRiskAction {

	/** Let the login through and email the user a "new sign-in" alert once it succeeded. */
	NOTIFY("notify"),

	/**
	 * Like {@link #NOTIFY}, and a user who has an authenticator app (OTP) must also enter its code; users without
	 * one are only notified.
	 */
	REQUIRE_OTP("require_otp"),

	/** Refuse until the user approves this device from an emailed, single-use link; then the login passes. */
	REQUIRE_EMAIL_APPROVAL("require_email_approval"),

	/** Refuse the login. */
	DENY("deny");

	private final String value;

	DeviceRiskAction(String value) {
		this.value = value;
	}

	/** The value stored in the authenticator config. */
	public String value() {
		return this.value;
	}

	public static Optional<DeviceRiskAction> fromValue(String value) {
		return Arrays.stream(values()).filter((action) -> action.value.equals(value)).findFirst();
	}

	static List<String> configValues() {
		return Arrays.stream(values()).map(DeviceRiskAction::value).toList();
	}

}
