package io.authstack.keycloak.risk;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The settings form of a {@code device-risk} execution in the admin console.
 */
public final class DeviceRiskConfigProperties {

	public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
		.property()
		.name(DeviceRiskConfig.ACTION)
		.label("Action on a new device")
		.helpText("What happens when a user signs in from a device not seen before (or, if enabled below, from a "
				+ "new network). notify: the login succeeds and the user gets a 'new sign-in' email. "
				+ "require_otp: as notify, and a user who has an authenticator app (OTP) must also enter its code; "
				+ "use it in flows that do not already ask every OTP user for a code. "
				+ "require_email_approval: the login is refused until the user approves this device from a single-use "
				+ "link emailed to them (users without a verified email are refused). deny: the login is refused.")
		.type(ProviderConfigProperty.LIST_TYPE)
		.options(DeviceRiskAction.configValues())
		.defaultValue(DeviceRiskConfig.DEFAULT_ACTION.value())
		.add()
		.property()
		.name(DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS)
		.label("A new network alone counts")
		.helpText("When on, a sign-in from a known device but from a network (IP prefix) none of the user's devices "
				+ "used before gets the same action as a new device. When off, the new network is only reported in "
				+ "the login event.")
		.type(ProviderConfigProperty.BOOLEAN_TYPE)
		.defaultValue("false")
		.add()
		.property()
		.name(DeviceRiskConfig.IPV4_PREFIX_LENGTH)
		.label("IPv4 prefix length")
		.helpText("How many leading bits of an IPv4 address identify the user's network (0-32). 24 means "
				+ "addresses 203.0.113.0 to 203.0.113.255 count as the same network.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(String.valueOf(DeviceRiskConfig.DEFAULT_IPV4_PREFIX_LENGTH))
		.add()
		.property()
		.name(DeviceRiskConfig.IPV6_PREFIX_LENGTH)
		.label("IPv6 prefix length")
		.helpText("How many leading bits of an IPv6 address identify the user's network (0-128). 64 is the usual "
				+ "size of one home or office network.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(String.valueOf(DeviceRiskConfig.DEFAULT_IPV6_PREFIX_LENGTH))
		.add()
		.property()
		.name(DeviceRiskConfig.DEVICES_KEPT)
		.label("Devices remembered per user")
		.helpText("How many devices are remembered for each user (1-50). When a new one is added, the device "
				+ "unused for longest is forgotten and counts as new again.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(String.valueOf(DeviceRiskConfig.DEFAULT_DEVICES_KEPT))
		.add()
		.property()
		.name(DeviceRiskConfig.TRUST_LIFETIME_DAYS)
		.label("Trust lifetime (days)")
		.helpText("A remembered device not used for this many days counts as new again on its next sign-in.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(String.valueOf(DeviceRiskConfig.DEFAULT_TRUST_LIFETIME_DAYS))
		.add()
		.property()
		.name(DeviceRiskConfig.ALERT_ON_FIRST_DEVICE)
		.label("Treat a user's first device as new")
		.helpText("When off, the first device a user ever signs in from is trusted without any action or email. "
				+ "When on, it gets the action above like any later new device.")
		.type(ProviderConfigProperty.BOOLEAN_TYPE)
		.defaultValue("false")
		.add()
		.property()
		.name(DeviceRiskConfig.RECENT_FAILURES_THRESHOLD)
		.label("Failed logins reported as suspicious")
		.helpText("From how many failed logins since the user's last successful one (brute-force detection records) "
				+ "the login event and email mention recent failures. 0 turns this off. This never blocks a login "
				+ "by itself; brute-force detection does that.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(String.valueOf(DeviceRiskConfig.DEFAULT_RECENT_FAILURES_THRESHOLD))
		.add()
		.property()
		.name(DeviceRiskConfig.APPROVAL_LINK_LIFETIME_MINUTES)
		.label("Approval link lifetime (minutes)")
		.helpText("With require_email_approval: how long the emailed approval link works. The user opens it and "
				+ "presses Approve; it approves once.")
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.defaultValue(String.valueOf(DeviceRiskConfig.DEFAULT_APPROVAL_LINK_LIFETIME_MINUTES))
		.add()
		.build();

	private DeviceRiskConfigProperties() {
	}

}
