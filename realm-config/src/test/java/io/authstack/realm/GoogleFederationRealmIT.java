package io.authstack.realm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Google federation as the realm ships it: the {@code google} identity provider, the first-broker-login flow
 * that never links an account on an unverified email, and the Google ID-token grant allowed for the BFF only.
 */
class GoogleFederationRealmIT {

	private static final String FIRST_BROKER_LOGIN = "authstack first broker login";

	private static final String GRANT_ATTRIBUTE = "authstack.google-id-token.grant.enabled";

	private static KeycloakApi api;

	@BeforeAll
	static void startKeycloak() {
		api = new KeycloakApi(TestKeycloak.get());
	}

	@Test
	void googleIdentityProviderUsesOurFirstBrokerLoginFlowAndTrustsGooglesEmailVerification() {
		JsonNode google = api.adminGet("/admin/realms/authstack/identity-provider/instances/google");

		assertThat(google.get("providerId").asString()).isEqualTo("google");
		assertThat(google.get("enabled").asBoolean()).isTrue();
		assertThat(google.get("firstBrokerLoginFlowAlias").asString()).isEqualTo(FIRST_BROKER_LOGIN);
		assertThat(google.get("trustEmail").asBoolean()).isTrue();
		assertThat(google.get("config").get("clientId").asString()).isEqualTo(TestKeycloak.GOOGLE_CLIENT_ID);
		assertThat(google.get("config").get("clientSecret").asString()).isNotEqualTo("dev-only-google-client-secret-change-me");
	}

	@Test
	void firstBrokerLoginLinksOnlyOnVerifiedEmailsAndOtherwiseAsksTheUserToProveTheAccount() {
		List<String> executions = new ArrayList<>();
		for (JsonNode execution : api.adminGet("/admin/realms/authstack/authentication/flows/"
				+ URLEncoder.encode(FIRST_BROKER_LOGIN, StandardCharsets.UTF_8).replace("+", "%20") + "/executions")) {
			if (execution.has("providerId")) {
				executions.add(execution.get("providerId").asString() + ":" + execution.get("requirement").asString());
			}
		}

		assertThat(executions).noneMatch((e) -> e.startsWith("idp-auto-link"));
		assertThat(executions).containsSubsequence("idp-create-user-if-unique:ALTERNATIVE",
				"authstack-idp-link-verified-email:ALTERNATIVE", "idp-confirm-link:REQUIRED",
				"idp-email-verification:ALTERNATIVE", "idp-username-password-form:REQUIRED");
	}

	@Test
	void onlyTheBffClientMayUseTheGoogleIdTokenGrant() {
		List<String> allowed = new ArrayList<>();
		for (JsonNode client : api.adminGet("/admin/realms/authstack/clients")) {
			JsonNode attributes = client.get("attributes");
			if (attributes != null && "true".equals(attributes.path(GRANT_ATTRIBUTE).asString(null))) {
				allowed.add(client.get("clientId").asString());
			}
		}

		assertThat(allowed).containsExactly("authstack-bff");
	}

}
