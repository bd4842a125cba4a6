package io.authstack.keycloak.firstparty;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the authorization challenge endpoint at {@code /realms/{realm}/}{@value #PROVIDER_ID}{@code /}
 * {@value #ENDPOINT_PATH} (Keycloak's REST layer needs a path on the method, not only on the realm resource). A realm
 * resource is the SPI Keycloak offers for a new endpoint of a realm; the draft's endpoint is not a grant type
 * (it answers with a code, not tokens), so the token endpoint's grant SPI does not fit.
 */
public final class AuthorizationChallengeResourceFactory implements RealmResourceProviderFactory {

	public static final String PROVIDER_ID = "first-party";

	/** The endpoint's path below the realm resource. */
	public static final String ENDPOINT_PATH = "authorization-challenge";

	/** Client attribute that lets a confidential client use the endpoint: {@code "true"}. */
	public static final String CLIENT_ATTRIBUTE = "authstack.authorization-challenge.enabled";

	/** The realm's flow the endpoint runs. */
	public static final String FLOW_ALIAS = "authstack first party";

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public RealmResourceProvider create(KeycloakSession session) {
		return new AuthorizationChallengeResource(session);
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
