package io.authstack.keycloak.flow;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers the {@value #PROVIDER_ID} authenticator: {@link HeadlessOtpAuthenticator}. */
public final class HeadlessOtpAuthenticatorFactory implements AuthenticatorFactory {

	public static final String PROVIDER_ID = "authstack-headless-otp";

	private static final HeadlessOtpAuthenticator SINGLETON = new HeadlessOtpAuthenticator();

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public String getDisplayType() {
		return "authstack OTP round";
	}

	@Override
	public String getHelpText() {
		return "Checks the 'otp' form parameter like the direct grant's 'OTP'; a request without one is asked "
				+ "for it (otp_required) instead of failed. For flows without a login page, such as the "
				+ "authorization challenge endpoint's.";
	}

	@Override
	public String getReferenceCategory() {
		return OTPCredentialModel.TYPE;
	}

	@Override
	public boolean isConfigurable() {
		return false;
	}

	@Override
	public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
		return new AuthenticationExecutionModel.Requirement[] { AuthenticationExecutionModel.Requirement.REQUIRED,
				AuthenticationExecutionModel.Requirement.DISABLED };
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
