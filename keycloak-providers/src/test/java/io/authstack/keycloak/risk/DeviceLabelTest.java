package io.authstack.keycloak.risk;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.account.DeviceRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceLabelTest {

	@Test
	void labelNamesBrowserFamilyAndOperatingSystem() {
		assertThat(DeviceLabel.of("Firefox/133.0", "Linux")).isEqualTo("Firefox on Linux");
	}

	@Test
	void unknownPartsAreLeftOut() {
		assertThat(DeviceLabel.of("Other/Unknown", "Linux")).isEqualTo("Unknown browser on Linux");
		assertThat(DeviceLabel.of("Chrome/131.0", "Other")).isEqualTo("Chrome");
		assertThat(DeviceLabel.of(null, null)).isEqualTo(DeviceLabel.UNKNOWN);
		assertThat(DeviceLabel.of((DeviceRepresentation) null)).isEqualTo(DeviceLabel.UNKNOWN);
	}

	@Test
	void longLabelsAreCut() {
		assertThat(DeviceLabel.of("B".repeat(200) + "/1", "Linux")).hasSize(80);
	}

}
