package io.authstack.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A realm's authentication flows as a realm admin changes them in the console, through the admin REST API:
 * an execution's settings and requirement.
 */
public final class AuthenticationFlows {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeycloakApi api;

	private final String realm;

	public AuthenticationFlows(KeycloakApi api, String realm) {
		this.api = api;
		this.realm = realm;
	}

	/** Replaces the settings of the flow's execution of the authenticator {@code providerId}. */
	public void configure(String flowAlias, String providerId, Map<String, String> config) {
		String configId = execution(flowAlias, providerId).get("authenticationConfig").asString();
		String path = realmPath("/authentication/config/" + configId);
		String alias = this.api.adminGet(path).get("alias").asString();
		this.api.adminPut(path, Map.of("id", configId, "alias", alias, "config", config));
	}

	/** Sets the requirement of the flow's execution of the authenticator {@code providerId}. */
	public void requirement(String flowAlias, String providerId, String requirement) {
		setRequirement(flowAlias, execution(flowAlias, providerId), requirement);
	}

	/** Sets the requirement of a subflow of the flow, e.g. {@code CONDITIONAL} or {@code DISABLED}. */
	public void subflowRequirement(String flowAlias, String subflowAlias, String requirement) {
		setRequirement(flowAlias, find(flowAlias, "displayName", subflowAlias), requirement);
	}

	private JsonNode execution(String flowAlias, String providerId) {
		return find(flowAlias, "providerId", providerId);
	}

	/** The execution of the flow, or of one of its subflows, whose {@code field} is {@code value}. */
	private JsonNode find(String flowAlias, String field, String value) {
		return this.api.adminGet(executionsPath(flowAlias))
			.valueStream()
			.filter((execution) -> value.equals(execution.path(field).asString()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No execution with " + field + " " + value + " in " + flowAlias));
	}

	@SuppressWarnings("unchecked")
	private void setRequirement(String flowAlias, JsonNode execution, String requirement) {
		// The whole representation goes back: fields left out (the priority) would be reset.
		Map<String, Object> changed = JSON.convertValue(execution, Map.class);
		changed.put("requirement", requirement);
		this.api.adminPut(executionsPath(flowAlias), changed);
	}

	private String executionsPath(String flowAlias) {
		return realmPath("/authentication/flows/" + URLEncoder.encode(flowAlias, StandardCharsets.UTF_8).replace("+", "%20")
				+ "/executions");
	}

	private String realmPath(String path) {
		return "/admin/realms/" + this.realm + path;
	}

}
