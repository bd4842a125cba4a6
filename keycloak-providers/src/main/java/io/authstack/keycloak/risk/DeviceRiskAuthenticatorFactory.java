package io.authstack.keycloak.risk;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the {@value #PROVIDER_ID} authenticator. The server-wide fingerprint key is read once here:
 * {@code --spi-authenticator--device-risk--fingerprint-key=...} (or
 * {@code KC_SPI_AUTHENTICATOR__DEVICE_RISK__FINGERPRINT_KEY}); without it a development key is used and a
 * warning logged, because fingerprints made with a public key can be recomputed by anyone reading the
 * database.
 *
 * @see <a href="https://www.keycloak.org/docs/latest/server_development/#_auth_spi">Authentication SPI</a>
 */
public final class DeviceRiskAuthenticatorFactory implements AuthenticatorFactory {

	public static final String PROVIDER_ID = "device-risk";

	/** The SPI option holding the fingerprint HMAC key. */
	public static final String FINGERPRINT_KEY_OPTION = "fingerprint-key";

	static final String DEV_FINGERPRINT_KEY = "dev-only-device-risk-fingerprint-key-change-me";

	private static final int MIN_KEY_LENGTH = 32;

	private static final Requirement[] REQUIREMENT_CHOICES = { Requirement.REQUIRED, Requirement.DISABLED };

	private static final Logger LOG = Logger.getLogger(DeviceRiskAuthenticatorFactory.class);

	private DeviceFingerprinter fingerprinter;

	@Override
	public void init(Config.Scope config) {
		String key = config.get(FINGERPRINT_KEY_OPTION);
		if (key == null || key.isBlank()) {
			LOG.warnf("device-risk: no --spi-authenticator--%s--%s set, using the development key; set one in "
					+ "production", PROVIDER_ID, FINGERPRINT_KEY_OPTION);
			key = DEV_FINGERPRINT_KEY;
		}
		else if (key.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException("--spi-authenticator--" + PROVIDER_ID + "--" + FINGERPRINT_KEY_OPTION
					+ " must be at least " + MIN_KEY_LENGTH + " characters");
		}
		this.fingerprinter = new DeviceFingerprinter(key.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
		// Nothing to wire: the companion event listener has its own factory.
	}

	@Override
	public Authenticator create(KeycloakSession session) {
		return new DeviceRiskAuthenticator(this.fingerprinter);
	}

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public String getDisplayType() {
		return "Device and network risk check";
	}

	@Override
	public String getHelpText() {
		return "Compares the signing-in device (a keyed hash of its browser headers and a device cookie) and network "
				+ "with the user's known devices, and notifies the user by email or refuses the login when they are "
				+ "new. Place it after the password step.";
	}

	@Override
	public String getReferenceCategory() {
		return null;
	}

	@Override
	public boolean isConfigurable() {
		return true;
	}

	@Override
	public Requirement[] getRequirementChoices() {
		return REQUIREMENT_CHOICES.clone();
	}

	@Override
	public boolean isUserSetupAllowed() {
		return false;
	}

	@Override
	public List<ProviderConfigProperty> getConfigProperties() {
		return DeviceRiskConfigProperties.PROPERTIES;
	}

	@Override
	public List<ProviderConfigProperty> getConfigMetadata() {
		return ProviderConfigurationBuilder.create()
			.property()
			.name(FINGERPRINT_KEY_OPTION)
			.label("Fingerprint key")
			.helpText("Secret HMAC key (at least " + MIN_KEY_LENGTH + " characters) for device fingerprints. "
					+ "Changing it makes every known device new again.")
			.type(ProviderConfigProperty.STRING_TYPE)
			.secret(true)
			.add()
			.build();
	}

	@Override
	public void close() {
		// Owns nothing that needs closing.
	}

}
