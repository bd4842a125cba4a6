package io.authstack.keycloak.risk;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownDevicesTest {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@Test
	void signInFromANewDeviceAddsItFirst() {
		KnownDevices devices = new KnownDevices(List.of(device("old", 100)));

		KnownDevices updated = devices.signedIn("new", "Firefox on Linux", "203.0.113.0/24", NOW, 10);

		assertThat(updated.asList()).extracting(KnownDevice::id).containsExactly("new", "old");
		assertThat(updated.asList().get(0)).isEqualTo(new KnownDevice("new", "Firefox on Linux", "203.0.113.0/24",
				NOW.getEpochSecond(), NOW.getEpochSecond()));
	}

	@Test
	void signInFromAKnownDeviceKeepsItsFirstSeenAndUpdatesTheRest() {
		KnownDevices devices = new KnownDevices(List.of(device("a", 100), device("b", 200)));

		KnownDevices updated = devices.signedIn("a", "Chrome on Windows", "198.51.100.0/24", NOW, 10);

		assertThat(updated.asList()).extracting(KnownDevice::id).containsExactly("a", "b");
		KnownDevice a = updated.find("a").orElseThrow();
		assertThat(a.firstSeen()).isEqualTo(50);
		assertThat(a.lastSeen()).isEqualTo(NOW.getEpochSecond());
		assertThat(a.ipPrefix()).isEqualTo("198.51.100.0/24");
		assertThat(a.label()).isEqualTo("Chrome on Windows");
	}

	@Test
	void onlyTheNewestDevicesAreKept() {
		KnownDevices devices = new KnownDevices(List.of(device("a", 100), device("b", 300), device("c", 200)));

		KnownDevices updated = devices.signedIn("d", "Safari on iOS", "203.0.113.0/24", NOW, 3);

		assertThat(updated.asList()).extracting(KnownDevice::id).containsExactly("d", "b", "c");
	}

	@Test
	void recentSignInFromTheSameDeviceAndNetworkNeedsNoUpdate() {
		KnownDevices devices = new KnownDevices(List.of(new KnownDevice("a", "Firefox on Linux", "203.0.113.0/24", 50,
				NOW.minusSeconds(600).getEpochSecond())));

		assertThat(devices.isCurrent("a", "Firefox on Linux", "203.0.113.0/24", NOW, 10)).isTrue();
		assertThat(devices.isCurrent("a", "Firefox on Linux", "198.51.100.0/24", NOW, 10)).isFalse();
		assertThat(devices.isCurrent("a", "Firefox on Windows", "203.0.113.0/24", NOW, 10)).isFalse();
		assertThat(devices.isCurrent("a", "Firefox on Linux", "203.0.113.0/24", NOW.plusSeconds(3600), 10)).isFalse();
		assertThat(devices.isCurrent("b", "Firefox on Linux", "203.0.113.0/24", NOW, 10)).isFalse();
	}

	@Test
	void listLongerThanTheLimitNeedsTrimming() {
		KnownDevices devices = new KnownDevices(List.of(device("a", NOW.getEpochSecond()), device("b", 100)));

		assertThat(devices.isCurrent("a", "Firefox on Linux", "203.0.113.0/24", NOW, 1)).isFalse();
	}

	@Test
	void knowsWhichNetworksItsDevicesCameFrom() {
		KnownDevices devices = new KnownDevices(List.of(device("a", 100)));

		assertThat(devices.cameFrom("203.0.113.0/24")).isTrue();
		assertThat(devices.cameFrom("198.51.100.0/24")).isFalse();
	}

	@Test
	void deviceIsTrustedForItsLifetimeAfterItsLastSignIn() {
		KnownDevice device = new KnownDevice("a", "x", "203.0.113.0/24", 0, NOW.getEpochSecond());

		assertThat(device.isTrustedAt(NOW.plusSeconds(29 * 86_400L), 30)).isTrue();
		assertThat(device.isTrustedAt(NOW.plusSeconds(30 * 86_400L), 30)).isFalse();
	}

	@Test
	void anAddressInTheNetworkAKnownDeviceLastCameFromIsKnownAtTheSizeItWasRecordedWith() {
		KnownDevices devices = new KnownDevices(List.of(device("a", 100),
				new KnownDevice("b", "Safari on macOS", "2001:db8:1:2:0:0:0:0/64", 50, 100),
				new KnownDevice("c", "Firefox on Linux", "198.51.0.0/16", 50, 100),
				new KnownDevice("d", "Firefox on Linux", "unknown", 50, 100)));

		assertThat(devices.includesNetworkOf("203.0.113.250")).isTrue();
		assertThat(devices.includesNetworkOf("2001:db8:1:2:abcd::9")).isTrue();
		assertThat(devices.includesNetworkOf("198.51.77.1")).isTrue();
		assertThat(devices.includesNetworkOf("203.0.114.1")).isFalse();
		assertThat(devices.includesNetworkOf("2001:db8:1:3::1")).isFalse();
		assertThat(devices.includesNetworkOf("unknown")).isFalse();
	}

	private static KnownDevice device(String id, long lastSeen) {
		return new KnownDevice(id, "Firefox on Linux", "203.0.113.0/24", 50, lastSeen);
	}

}
