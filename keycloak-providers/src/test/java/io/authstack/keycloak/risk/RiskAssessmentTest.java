package io.authstack.keycloak.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RiskAssessmentTest {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private static final String HOME = "203.0.113.0/24";

	private static final KnownDevices ONE_LAPTOP = new KnownDevices(
			List.of(new KnownDevice("laptop", "Firefox on Linux", HOME, 0, NOW.minusSeconds(3600).getEpochSecond())));

	private static final DeviceRiskConfig DEFAULTS = DeviceRiskConfig.of(Map.of());

	@Test
	void firstDeviceOfAUserIsTrustedOnFirstUse() {
		RiskAssessment assessment = RiskAssessment.of(new KnownDevices(List.of()), "laptop", HOME, 0, NOW, DEFAULTS);

		assertThat(assessment.reasons()).isEmpty();
		assertThat(assessment.actionRequired()).isFalse();
	}

	@Test
	void firstDeviceCountsAsNewWhenConfigured() {
		DeviceRiskConfig config = DeviceRiskConfig.of(Map.of(DeviceRiskConfig.ALERT_ON_FIRST_DEVICE, "true"));

		RiskAssessment assessment = RiskAssessment.of(new KnownDevices(List.of()), "laptop", HOME, 0, NOW, config);

		assertThat(assessment.reasons()).containsExactly(RiskReason.NEW_DEVICE);
		assertThat(assessment.actionRequired()).isTrue();
	}

	@Test
	void knownDeviceFromAKnownNetworkIsNotRisky() {
		RiskAssessment assessment = RiskAssessment.of(ONE_LAPTOP, "laptop", HOME, 0, NOW, DEFAULTS);

		assertThat(assessment.reasons()).isEmpty();
		assertThat(assessment.actionRequired()).isFalse();
		assertThat(assessment.reasonCodes()).isEmpty();
	}

	@Test
	void unknownDeviceRequiresTheAction() {
		RiskAssessment assessment = RiskAssessment.of(ONE_LAPTOP, "phone", HOME, 0, NOW, DEFAULTS);

		assertThat(assessment.reasons()).containsExactly(RiskReason.NEW_DEVICE);
		assertThat(assessment.actionRequired()).isTrue();
	}

	@Test
	void knownDeviceWhoseTrustExpiredCountsAsNew() {
		DeviceRiskConfig config = DeviceRiskConfig.of(Map.of(DeviceRiskConfig.TRUST_LIFETIME_DAYS, "1"));

		RiskAssessment assessment = RiskAssessment.of(ONE_LAPTOP, "laptop", HOME, 0, NOW.plusSeconds(86_400), config);

		assertThat(assessment.reasons()).containsExactly(RiskReason.NEW_DEVICE);
	}

	@Test
	void newNetworkAloneIsReportedButOnlyActsWhenConfigured() {
		RiskAssessment reported = RiskAssessment.of(ONE_LAPTOP, "laptop", "198.51.100.0/24", 0, NOW, DEFAULTS);
		RiskAssessment acted = RiskAssessment.of(ONE_LAPTOP, "laptop", "198.51.100.0/24", 0, NOW,
				DeviceRiskConfig.of(Map.of(DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS, "true")));

		assertThat(reported.reasons()).containsExactly(RiskReason.NEW_IP_PREFIX);
		assertThat(reported.actionRequired()).isFalse();
		assertThat(acted.actionRequired()).isTrue();
	}

	@Test
	void recentFailuresAreReportedFromTheThresholdButNeverActAlone() {
		RiskAssessment below = RiskAssessment.of(ONE_LAPTOP, "laptop", HOME, 2, NOW, DEFAULTS);
		RiskAssessment at = RiskAssessment.of(ONE_LAPTOP, "laptop", HOME, 3, NOW, DEFAULTS);
		RiskAssessment off = RiskAssessment.of(ONE_LAPTOP, "laptop", HOME, 30, NOW,
				DeviceRiskConfig.of(Map.of(DeviceRiskConfig.RECENT_FAILURES_THRESHOLD, "0")));

		assertThat(below.reasons()).isEmpty();
		assertThat(at.reasons()).containsExactly(RiskReason.RECENT_FAILURES);
		assertThat(at.actionRequired()).isFalse();
		assertThat(off.reasons()).isEmpty();
	}

	@Test
	void reasonCodesAreCommaSeparatedInAStableOrder() {
		RiskAssessment assessment = RiskAssessment.of(ONE_LAPTOP, "phone", "198.51.100.0/24", 5, NOW, DEFAULTS);

		assertThat(assessment.reasonCodes()).isEqualTo("new_device,new_ip_prefix,recent_failures");
	}

}
