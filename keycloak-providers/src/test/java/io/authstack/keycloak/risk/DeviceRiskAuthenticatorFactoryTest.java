package io.authstack.keycloak.risk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DeviceRiskAuthenticatorFactoryTest {

	private static final String PREFIX = "device-risk-factory-test.";

	private static final String KEY_PROPERTY = PREFIX + DeviceRiskAuthenticatorFactory.FINGERPRINT_KEY_OPTION;

	@AfterEach
	void clearKey() {
		System.clearProperty(KEY_PROPERTY);
	}

	@Test
	void serverStartsWithTheDevelopmentKeyWhenNoneIsConfigured() {
		DeviceRiskAuthenticatorFactory factory = new DeviceRiskAuthenticatorFactory();

		factory.init(new Config.SystemPropertiesScope(PREFIX));

		assertThat(factory.create(null)).isInstanceOf(DeviceRiskAuthenticator.class);
	}

	@Test
	void configuredKeyShorterThan32CharactersStopsTheServer() {
		System.setProperty(KEY_PROPERTY, "too-short");

		assertThatIllegalStateException()
			.isThrownBy(() -> new DeviceRiskAuthenticatorFactory().init(new Config.SystemPropertiesScope(PREFIX)))
			.withMessageContaining("fingerprint-key");
	}

	@Test
	void factoryOffersRequiredOrDisabledAndItsConfigForm() {
		DeviceRiskAuthenticatorFactory factory = new DeviceRiskAuthenticatorFactory();

		assertThat(factory.getId()).isEqualTo("device-risk");
		assertThat(factory.isConfigurable()).isTrue();
		assertThat(factory.getRequirementChoices()).extracting(Enum::name).containsExactly("REQUIRED", "DISABLED");
		assertThat(factory.getConfigProperties()).isSameAs(DeviceRiskConfigProperties.PROPERTIES);
		assertThat(factory.getConfigProperties()).allSatisfy((property) -> {
			assertThat(property.getLabel()).isNotBlank();
			assertThat(property.getHelpText()).isNotBlank();
		});
	}

}
