package io.authstack.keycloak.risk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.authstack.testkit.AuthenticationFlows;
import io.authstack.testkit.KeycloakApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the ITs do as a realm admin, through the admin REST API only: set a {@code device-risk} execution's
 * config, switch it on or off, read a user's known devices and the realm's login events.
 */
final class DeviceRiskAdmin {

	static final String BROWSER_FLOW = "authstack browser";

	static final String DIRECT_GRANT_FLOW = "authstack direct grant";

	static final String FIRST_PARTY_FLOW = "authstack first party";

	/** The settings the realm ships with. */
	static final Map<String, String> REALM_DEFAULTS = Map.of(DeviceRiskConfig.ACTION, "notify",
			DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS, "false", DeviceRiskConfig.IPV4_PREFIX_LENGTH, "24",
			DeviceRiskConfig.IPV6_PREFIX_LENGTH, "64", DeviceRiskConfig.DEVICES_KEPT, "10",
			DeviceRiskConfig.TRUST_LIFETIME_DAYS, "90", DeviceRiskConfig.ALERT_ON_FIRST_DEVICE, "false",
			DeviceRiskConfig.RECENT_FAILURES_THRESHOLD, "3");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeycloakApi api;

	private final AuthenticationFlows flows;

	DeviceRiskAdmin(KeycloakApi api) {
		this.api = api;
		this.flows = new AuthenticationFlows(api, LoginClient.REALM);
	}

	/** Replaces the execution's settings: the realm's defaults with {@code overrides} applied. */
	void configure(String flowAlias, Map<String, String> overrides) {
		Map<String, String> config = new HashMap<>(REALM_DEFAULTS);
		config.putAll(overrides);
		this.flows.configure(flowAlias, DeviceRiskAuthenticatorFactory.PROVIDER_ID, config);
	}

	/** Sets the execution's requirement, {@code REQUIRED} or {@code DISABLED}. */
	void requirement(String flowAlias, String requirement) {
		this.flows.requirement(flowAlias, DeviceRiskAuthenticatorFactory.PROVIDER_ID, requirement);
	}

	/** Sets the requirement of a subflow of the flow, e.g. {@code CONDITIONAL} or {@code DISABLED}. */
	void subflowRequirement(String flowAlias, String subflowAlias, String requirement) {
		this.flows.subflowRequirement(flowAlias, subflowAlias, requirement);
	}

	/** The user's known devices as the admin REST API shows them. */
	List<KnownDevice> knownDevices(String userId) {
		JsonNode values = this.api.adminGet(realmPath("/users/" + userId)).path("attributes").path(KnownDeviceStore.ATTRIBUTE);
		List<KnownDevice> devices = new ArrayList<>();
		values.forEach((value) -> devices.add(JSON.readValue(value.asString(), KnownDevice.class)));
		return devices;
	}

	/** The user's events of one type, newest first. */
	List<JsonNode> events(String userId, String type) {
		List<JsonNode> events = new ArrayList<>();
		this.api.adminGet(realmPath("/events?user=" + userId + "&type=" + type)).forEach(events::add);
		return events;
	}

	int failedLogins(String userId) {
		return this.api.adminGet(realmPath("/attack-detection/brute-force/users/" + userId)).get("numFailures").asInt();
	}

	private static String realmPath(String path) {
		return "/admin/realms/" + LoginClient.REALM + path;
	}

}
