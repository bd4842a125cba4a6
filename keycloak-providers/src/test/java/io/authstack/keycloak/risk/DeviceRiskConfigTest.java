package io.authstack.keycloak.risk;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceRiskConfigTest {

	@Test
	void executionWithoutConfigGetsTheDefaults() {
		DeviceRiskConfig config = DeviceRiskConfig.of((AuthenticatorConfigModel) null);

		assertThat(config.action()).isEqualTo(DeviceRiskAction.NOTIFY);
		assertThat(config.ipPrefixChangeCounts()).isFalse();
		assertThat(config.ipv4PrefixLength()).isEqualTo(24);
		assertThat(config.ipv6PrefixLength()).isEqualTo(64);
		assertThat(config.devicesKept()).isEqualTo(10);
		assertThat(config.trustLifetimeDays()).isEqualTo(90);
		assertThat(config.alertOnFirstDevice()).isFalse();
		assertThat(config.recentFailuresThreshold()).isEqualTo(3);
	}

	@Test
	void configuredValuesAreRead() {
		AuthenticatorConfigModel model = new AuthenticatorConfigModel();
		model.setConfig(Map.of(DeviceRiskConfig.ACTION, "deny", DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS, "true",
				DeviceRiskConfig.IPV4_PREFIX_LENGTH, "16", DeviceRiskConfig.DEVICES_KEPT, " 3 "));

		DeviceRiskConfig config = DeviceRiskConfig.of(model);

		assertThat(config.action()).isEqualTo(DeviceRiskAction.DENY);
		assertThat(config.ipPrefixChangeCounts()).isTrue();
		assertThat(config.ipv4PrefixLength()).isEqualTo(16);
		assertThat(config.devicesKept()).isEqualTo(3);
	}

	@Test
	void unusableValuesFallBackToTheDefaults() {
		DeviceRiskConfig config = DeviceRiskConfig.of(Map.of(DeviceRiskConfig.ACTION, "shrug",
				DeviceRiskConfig.IPV4_PREFIX_LENGTH, "33", DeviceRiskConfig.DEVICES_KEPT, "many",
				DeviceRiskConfig.TRUST_LIFETIME_DAYS, "0"));

		assertThat(config.action()).isEqualTo(DeviceRiskAction.NOTIFY);
		assertThat(config.ipv4PrefixLength()).isEqualTo(24);
		assertThat(config.devicesKept()).isEqualTo(10);
		assertThat(config.trustLifetimeDays()).isEqualTo(90);
	}

}
