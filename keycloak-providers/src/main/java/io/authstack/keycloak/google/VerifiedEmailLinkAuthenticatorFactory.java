package io.authstack.keycloak.google;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers {@link VerifiedEmailLinkAuthenticator} for first-broker-login flows, where it replaces
 * {@code idp-auto-link}: put it as the first alternative of the "existing account" sub-flow, before the
 * confirm-and-verify alternative.
 */
public final class VerifiedEmailLinkAuthenticatorFactory implements AuthenticatorFactory {

	public static final String PROVIDER_ID = "authstack-idp-link-verified-email";

	private static final VerifiedEmailLinkAuthenticator SINGLETON = new VerifiedEmailLinkAuthenticator();

	private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
			AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED };

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public String getDisplayType() {
		return "Link existing user when Google owns the verified email";
	}

	@Override
	public String getHelpText() {
		return "Links a Google account to the existing user with the same email, without asking, only when Google "
				+ "owns the address (a Gmail address, or a Workspace account of the address's own domain), says it is "
				+ "verified, and the user's email is verified here too. Otherwise, and for any other identity provider, "
				+ "the next alternative runs (ask the user to confirm and prove the account is theirs).";
	}

	@Override
	public String getReferenceCategory() {
		return "autoLink";
	}

	@Override
	public boolean isConfigurable() {
		return false;
	}

	@Override
	public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
		return REQUIREMENT_CHOICES;
	}

	@Override
	public boolean isUserSetupAllowed() {
		return false;
	}

	@Override
	public List<ProviderConfigProperty> getConfigProperties() {
		return List.of();
	}

	@Override
	public Authenticator create(KeycloakSession session) {
		return SINGLETON;
	}

	@Override
	public void init(Config.Scope config) {
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
	}

	@Override
	public void close() {
	}

}
