package io.authstack.keycloak.risk;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The {@code device-risk} authenticator's other half ({@link DeviceRiskEventListenerProvider}). Global, so
 * it needs no entry in a realm's event listeners and cannot be switched off apart from the authenticator:
 * without it every login would count as a new device.
 */
public final class DeviceRiskEventListenerProviderFactory implements EventListenerProviderFactory {

	public static final String PROVIDER_ID = "device-risk";

	@Override
	public EventListenerProvider create(KeycloakSession session) {
		return new DeviceRiskEventListenerProvider(session);
	}

	@Override
	public boolean isGlobal() {
		return true;
	}

	@Override
	public void init(Config.Scope config) {
		// No settings of its own.
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
		// Nothing to wire.
	}

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public void close() {
		// Owns nothing.
	}

}
