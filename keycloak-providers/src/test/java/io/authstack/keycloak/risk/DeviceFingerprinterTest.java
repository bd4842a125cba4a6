package io.authstack.keycloak.risk;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeviceFingerprinterTest {

	private static final DeviceSignals FIREFOX = new DeviceSignals("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0",
			"en-GB,en;q=0.8", null, null, "cookie-value");

	private final DeviceFingerprinter fingerprinter = new DeviceFingerprinter(key("a-server-side-key-of-32-bytes-min"));

	@Test
	void sameSignalsGiveTheSameFingerprint() {
		assertThat(this.fingerprinter.fingerprint(FIREFOX)).isEqualTo(this.fingerprinter.fingerprint(FIREFOX))
			.hasSize(43)
			.matches("[A-Za-z0-9_-]+");
	}

	@Test
	void anyChangedSignalChangesTheFingerprint() {
		String original = this.fingerprinter.fingerprint(FIREFOX);

		assertThat(this.fingerprinter.fingerprint(new DeviceSignals(FIREFOX.userAgent(), "de-DE", null, null,
				FIREFOX.deviceCookie())))
			.isNotEqualTo(original);
		assertThat(this.fingerprinter.fingerprint(new DeviceSignals(FIREFOX.userAgent(), FIREFOX.acceptLanguage(),
				"\"Chromium\";v=\"131\"", null, FIREFOX.deviceCookie())))
			.isNotEqualTo(original);
		assertThat(this.fingerprinter.fingerprint(new DeviceSignals(FIREFOX.userAgent(), FIREFOX.acceptLanguage(), null,
				"\"Linux\"", FIREFOX.deviceCookie())))
			.isNotEqualTo(original);
		assertThat(this.fingerprinter.fingerprint(new DeviceSignals(FIREFOX.userAgent(), FIREFOX.acceptLanguage(), null,
				null, "another-cookie")))
			.isNotEqualTo(original);
	}

	@Test
	void movingCharactersBetweenSignalsChangesTheFingerprint() {
		assertThat(this.fingerprinter.fingerprint(new DeviceSignals("ab", "c", null, null, null)))
			.isNotEqualTo(this.fingerprinter.fingerprint(new DeviceSignals("a", "bc", null, null, null)));
	}

	@Test
	void absentHeaderDiffersFromEmptyHeader() {
		assertThat(this.fingerprinter.fingerprint(new DeviceSignals("ua", null, null, null, null)))
			.isNotEqualTo(this.fingerprinter.fingerprint(new DeviceSignals("ua", "", null, null, null)));
	}

	@Test
	void anotherKeyGivesAnotherFingerprint() {
		DeviceFingerprinter otherServer = new DeviceFingerprinter(key("another-server-side-key-32-bytes"));

		assertThat(otherServer.fingerprint(FIREFOX)).isNotEqualTo(this.fingerprinter.fingerprint(FIREFOX));
	}

	@Test
	void emptyKeyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceFingerprinter(new byte[0]));
	}

	private static byte[] key(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
