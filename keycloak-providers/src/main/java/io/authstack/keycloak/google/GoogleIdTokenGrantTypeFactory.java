package io.authstack.keycloak.google;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeSpi;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers {@link GoogleIdTokenGrantType} under its grant type URN (Keycloak looks grant types up by the
 * {@code grant_type} value, so the provider id is the URN). Its server options cannot be named after a URN, so
 * they live under {@code --spi-oauth2-grant-type--google-id-token--*}, read once here.
 *
 * @see GoogleIdTokenConfigProperties
 */
public final class GoogleIdTokenGrantTypeFactory implements OAuth2GrantTypeFactory {

	public static final String PROVIDER_ID = "urn:authstack:params:oauth:grant-type:google-id-token";

	/** The request parameter carrying the Google ID token. */
	public static final String ID_TOKEN_PARAMETER = "id_token";

	/** The required request parameter carrying the nonce the client put into Google's request. */
	public static final String NONCE_PARAMETER = "nonce";

	/** The realm identity provider whose settings apply and to which users are linked. */
	public static final String IDENTITY_PROVIDER_ALIAS = "google";

	/** Client attribute that allows a (confidential) client to use this grant: {@code "true"}. */
	public static final String CLIENT_ATTRIBUTE = "authstack.google-id-token.grant.enabled";

	/** The provider name the server options are read under. */
	public static final String OPTIONS_SCOPE = "google-id-token";

	private GoogleIdTokenSettings settings;

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public String getShortcut() {
		return "gi";
	}

	@Override
	public void init(Config.Scope config) {
		this.settings = GoogleIdTokenSettings.from(Config.scope(OAuth2GrantTypeSpi.SPI_NAME, OPTIONS_SCOPE));
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
	}

	@Override
	public OAuth2GrantType create(KeycloakSession session) {
		return new GoogleIdTokenGrantType(this.settings);
	}

	@Override
	public List<ProviderConfigProperty> getConfigMetadata() {
		return GoogleIdTokenConfigProperties.PROPERTIES;
	}

	@Override
	public void close() {
	}

}
