package io.authstack.keycloak.firstparty;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCWellKnownProvider;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * The realm's {@code openid-configuration} as Keycloak writes it, plus the draft's
 * {@code authorization_challenge_endpoint}. It takes Keycloak's alias with a lower priority number, which is
 * how Keycloak lets a provider stand in for its own discovery document.
 */
public final class FirstPartyWellKnownProviderFactory implements WellKnownProviderFactory {

	public static final String PROVIDER_ID = "authstack-openid-configuration";

	static final String METADATA = "authorization_challenge_endpoint";

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public String getAlias() {
		return OIDCWellKnownProviderFactory.PROVIDER_ID;
	}

	@Override
	public int getPriority() {
		return 10;
	}

	@Override
	public WellKnownProvider create(KeycloakSession session) {
		OIDCWellKnownProvider keycloaks = new OIDCWellKnownProvider(session, null, true);
		return new WellKnownProvider() {

			@Override
			public Object getConfig() {
				OIDCConfigurationRepresentation config = (OIDCConfigurationRepresentation) keycloaks.getConfig();
				config.setOtherClaims(METADATA, Urls.realmIssuer(session.getContext().getUri().getBaseUri(),
						session.getContext().getRealm().getName()) + "/" + AuthorizationChallengeResourceFactory.PROVIDER_ID + "/"
						+ AuthorizationChallengeResourceFactory.ENDPOINT_PATH);
				return config;
			}

			@Override
			public void close() {
				keycloaks.close();
			}

		};
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
