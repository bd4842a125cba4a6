package io.authstack.keycloak.risk;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * Typed view of one {@code device-risk} execution's settings ({@link DeviceRiskConfigProperties}).
 * <p>
 * An execution without a config, or a value that does not parse or is out of range, gets the default:
 * a typo in the console must not turn the check off or break logins. Bad values are logged.
 */
public final class DeviceRiskConfig {

	public static final String ACTION = "action_on_new_device";

	public static final String IP_PREFIX_CHANGE_COUNTS = "ip_prefix_change_counts";

	public static final String IPV4_PREFIX_LENGTH = "ipv4_prefix_length";

	public static final String IPV6_PREFIX_LENGTH = "ipv6_prefix_length";

	public static final String DEVICES_KEPT = "devices_kept";

	public static final String TRUST_LIFETIME_DAYS = "trust_lifetime_days";

	public static final String ALERT_ON_FIRST_DEVICE = "alert_on_first_device";

	public static final String RECENT_FAILURES_THRESHOLD = "recent_failures_threshold";

	public static final String APPROVAL_LINK_LIFETIME_MINUTES = "approval_link_lifetime_minutes";

	static final DeviceRiskAction DEFAULT_ACTION = DeviceRiskAction.NOTIFY;

	static final int DEFAULT_IPV4_PREFIX_LENGTH = 24;

	static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;

	static final int DEFAULT_DEVICES_KEPT = 10;

	static final int DEFAULT_TRUST_LIFETIME_DAYS = 90;

	static final int DEFAULT_RECENT_FAILURES_THRESHOLD = 3;

	static final int DEFAULT_APPROVAL_LINK_LIFETIME_MINUTES = 15;

	private static final Logger LOG = Logger.getLogger(DeviceRiskConfig.class);

	private final Map<String, String> values;

	private DeviceRiskConfig(Map<String, String> values) {
		this.values = values;
	}

	/** @param model the execution's config, {@code null} when the admin saved none */
	public static DeviceRiskConfig of(AuthenticatorConfigModel model) {
		return new DeviceRiskConfig((model == null || model.getConfig() == null) ? Map.of() : model.getConfig());
	}

	static DeviceRiskConfig of(Map<String, String> values) {
		return new DeviceRiskConfig(Map.copyOf(values));
	}

	public DeviceRiskAction action() {
		String value = this.values.get(ACTION);
		if (value == null || value.isBlank()) {
			return DEFAULT_ACTION;
		}
		return DeviceRiskAction.fromValue(value.strip()).orElseGet(() -> {
			LOG.warnf("device-risk: unknown %s '%s', using %s", ACTION, value, DEFAULT_ACTION.value());
			return DEFAULT_ACTION;
		});
	}

	public boolean ipPrefixChangeCounts() {
		return Boolean.parseBoolean(this.values.get(IP_PREFIX_CHANGE_COUNTS));
	}

	public boolean alertOnFirstDevice() {
		return Boolean.parseBoolean(this.values.get(ALERT_ON_FIRST_DEVICE));
	}

	public int ipv4PrefixLength() {
		return intValue(IPV4_PREFIX_LENGTH, DEFAULT_IPV4_PREFIX_LENGTH, 0, 32);
	}

	public int ipv6PrefixLength() {
		return intValue(IPV6_PREFIX_LENGTH, DEFAULT_IPV6_PREFIX_LENGTH, 0, 128);
	}

	public int devicesKept() {
		return intValue(DEVICES_KEPT, DEFAULT_DEVICES_KEPT, 1, 50);
	}

	public int trustLifetimeDays() {
		return intValue(TRUST_LIFETIME_DAYS, DEFAULT_TRUST_LIFETIME_DAYS, 1, 3650);
	}

	/** 0 turns the {@code recent_failures} reason off. */
	public int recentFailuresThreshold() {
		return intValue(RECENT_FAILURES_THRESHOLD, DEFAULT_RECENT_FAILURES_THRESHOLD, 0, 1000);
	}

	public int approvalLinkLifetimeMinutes() {
		return intValue(APPROVAL_LINK_LIFETIME_MINUTES, DEFAULT_APPROVAL_LINK_LIFETIME_MINUTES, 1, 1440);
	}

	private int intValue(String key, int defaultValue, int min, int max) {
		String value = this.values.get(key);
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.strip());
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// Falls through to the warning below: the value is as unusable as an out-of-range one.
		}
		LOG.warnf("device-risk: %s '%s' is not a whole number from %d to %d, using %d", key, value, min, max,
				defaultValue);
		return defaultValue;
	}

}
