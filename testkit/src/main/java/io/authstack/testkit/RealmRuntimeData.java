package io.authstack.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * What a realm holds that is not configuration, read from a {@code kc.sh export --users same_file}: its
 * users (credentials, linked identity-provider accounts, attributes such as the device-risk known devices,
 * required actions, role and group memberships, consents), its federated users, its signing and encryption
 * keys, and the internal ids of the realm and its clients. {@link #mergeInto} adds them to a realm file, so
 * that importing the file over the realm changes its configuration and keeps everything else.
 * <p>
 * Service-account users are configuration (the realm file declares them with their roles) and are not
 * carried. The keys are carried only when the realm file declares none of its own: with them, email links
 * already sent (verification, password reset) and tokens already issued stay valid. Keycloak's stored events
 * and sessions refer to the realm's and the clients' ids.
 */
public final class RealmRuntimeData {

	private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";

	/** Realm roles Keycloak creates in every realm, whether the file lists them or not. */
	private static final List<String> IMPLICIT_REALM_ROLES = List.of("offline_access", "uma_authorization");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Writes every {@code $} as {@code \u0024}. Keycloak's import replaces {@code ${...}} placeholders in
	 * the raw file before it parses the JSON; escaped, a user's data that looks like a placeholder (a name
	 * {@code ${KC_BOOTSTRAP_ADMIN_PASSWORD}}, say) is imported as it is instead of being resolved from the
	 * server's environment.
	 */
	private static final JsonMapper DOLLAR_ESCAPING = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new DollarEscapes()).build())
		.build();

	private final JsonNode export;

	private RealmRuntimeData(JsonNode export) {
		this.export = export;
	}

	public static RealmRuntimeData of(Path exportFile) {
		return of(JSON.readTree(exportFile.toFile()));
	}

	static RealmRuntimeData of(JsonNode export) {
		if (!export.path("id").isString()) {
			throw new IllegalStateException("Not a realm export: no realm id");
		}
		return new RealmRuntimeData(export);
	}

	public String realmId() {
		return this.export.get("id").asString();
	}

	/** The users carried: every user of the export but the service accounts. */
	List<JsonNode> users() {
		List<JsonNode> users = new ArrayList<>();
		for (JsonNode user : this.export.path("users")) {
			if (!user.hasNonNull("serviceAccountClientId")) {
				users.add(user);
			}
		}
		return users;
	}

	/**
	 * @param realmFile a realm file's text, placeholders unresolved (the import resolves them as
	 * {@code --import-realm} does)
	 * @return the realm file's configuration with this runtime data
	 * @throws IllegalStateException naming what the users hold that the realm file no longer defines (a role,
	 * a group, an identity provider, a client): importing would fail or drop it
	 */
	public String mergeInto(String realmFile) {
		ObjectNode realm = (ObjectNode) JSON.readTree(realmFile);
		if (!realm.path("realm").asString().equals(this.export.path("realm").asString())) {
			throw new IllegalStateException("The realm file is realm '" + realm.path("realm").asString()
					+ "', the export realm '" + this.export.path("realm").asString() + "'");
		}
		List<JsonNode> users = users();
		requireDefined(realm, users);
		realm.put("id", realmId());
		keepClientIds(realm);
		ArrayNode allUsers = realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
		// Raw values keep the escaping of the runtime data while the configuration keeps its placeholders.
		for (JsonNode user : users) {
			allUsers.add(JSON.getNodeFactory().rawValueNode(new RawValue(DOLLAR_ESCAPING.writeValueAsString(user))));
		}
		if (this.export.path("federatedUsers").size() > 0) {
			realm.putRawValue("federatedUsers",
					new RawValue(DOLLAR_ESCAPING.writeValueAsString(this.export.get("federatedUsers"))));
		}
		JsonNode keys = this.export.path("components").path(KEY_PROVIDER);
		if (!realm.path("components").has(KEY_PROVIDER) && !keys.isMissingNode()) {
			ObjectNode components = realm.has("components") ? (ObjectNode) realm.get("components")
					: realm.putObject("components");
			components.putRawValue(KEY_PROVIDER, new RawValue(DOLLAR_ESCAPING.writeValueAsString(keys)));
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
	}

	/**
	 * Gives the file's clients the internal ids they have now: Keycloak keeps its sessions per client id, so
	 * that signed-in users (and the BFF's refresh tokens) carry on as after a change in the admin console.
	 */
	private void keepClientIds(JsonNode realm) {
		for (JsonNode client : realm.path("clients")) {
			for (JsonNode current : this.export.path("clients")) {
				if (current.path("clientId").asString().equals(client.path("clientId").asString())) {
					((ObjectNode) client).put("id", current.path("id").asString());
				}
			}
		}
	}

	private static void requireDefined(JsonNode realm, List<JsonNode> users) {
		Set<String> realmRoles = new HashSet<>(IMPLICIT_REALM_ROLES);
		realmRoles.add("default-roles-" + realm.path("realm").asString());
		realm.path("roles").path("realm").forEach((role) -> realmRoles.add(role.path("name").asString()));
		Set<String> groups = new HashSet<>();
		collectGroupPaths(realm.path("groups"), "", groups);
		Set<String> providers = new HashSet<>();
		realm.path("identityProviders").forEach((provider) -> providers.add(provider.path("alias").asString()));
		Set<String> missing = new TreeSet<>();
		for (JsonNode user : users) {
			String who = "user '" + user.path("username").asString() + "'";
			user.path("realmRoles")
				.forEach((role) -> require(realmRoles.contains(role.asString()), missing,
						who + " holds realm role '" + role.asString() + "'"));
			user.path("groups")
				.forEach((group) -> require(groups.contains(group.asString()), missing,
						who + " is in group '" + group.asString() + "'"));
			user.path("federatedIdentities")
				.forEach((link) -> require(providers.contains(link.path("identityProvider").asString()), missing,
						who + " is linked to identity provider '" + link.path("identityProvider").asString() + "'"));
			for (var clientRoles : user.path("clientRoles").properties()) {
				JsonNode defined = realm.path("roles").path("client").path(clientRoles.getKey());
				if (defined.isMissingNode()) {
					continue; // a client Keycloak creates itself (realm-management, broker, ...) with its roles
				}
				Set<String> names = new HashSet<>();
				defined.forEach((role) -> names.add(role.path("name").asString()));
				clientRoles.getValue()
					.forEach((role) -> require(names.contains(role.asString()), missing, who + " holds client role '"
							+ clientRoles.getKey() + "/" + role.asString() + "'"));
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The realm file no longer defines what these users hold; add it to the "
					+ "file, or take it from the users first:\n  " + String.join("\n  ", missing));
		}
	}

	private static void collectGroupPaths(JsonNode groups, String parent, Set<String> paths) {
		for (JsonNode group : groups) {
			String path = parent + "/" + group.path("name").asString();
			paths.add(path);
			collectGroupPaths(group.path("subGroups"), path, paths);
		}
	}

	private static void require(boolean condition, Set<String> missing, String what) {
		if (!condition) {
			missing.add(what);
		}
	}

	private static final class DollarEscapes extends CharacterEscapes {

		private final int[] escapes = standardAsciiEscapesForJSON();

		DollarEscapes() {
			this.escapes['$'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.escapes;
		}

		@Override
		public SerializableString getEscapeSequence(int ch) {
			return null;
		}

	}

}
