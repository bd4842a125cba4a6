package io.authstack.keycloak.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's known devices, newest first, never more than the configured number: the oldest fall off.
 */
public final class KnownDevices {

	private static final Comparator<KnownDevice> NEWEST_FIRST = Comparator.comparingLong(KnownDevice::lastSeen)
		.reversed();

	static final long LAST_SEEN_RESOLUTION_SECONDS = 3600;

	/** A recorded network: an address, a slash, its prefix length ({@code unknown} and hand edits are not). */
	private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+/\\d{1,3}");

	private final List<KnownDevice> devices;

	public KnownDevices(List<KnownDevice> devices) {
		this.devices = devices.stream().sorted(NEWEST_FIRST).toList();
	}

	public List<KnownDevice> asList() {
		return this.devices;
	}

	public boolean isEmpty() {
		return this.devices.isEmpty();
	}

	public Optional<KnownDevice> find(String deviceId) {
		return this.devices.stream().filter((device) -> device.id().equals(deviceId)).findFirst();
	}

	/** Whether any known device last signed in from {@code ipPrefix}. */
	public boolean cameFrom(String ipPrefix) {
		return this.devices.stream().anyMatch((device) -> ipPrefix.equals(device.ipPrefix()));
	}

	/**
	 * Whether {@code address} lies in the network a known device last signed in from, each network taken at the
	 * size it was recorded with (the device-risk check's setting then).
	 */
	public boolean includesNetworkOf(String address) {
		return this.devices.stream()
			.map(KnownDevice::ipPrefix)
			.filter((prefix) -> prefix != null && CIDR.matcher(prefix).matches())
			.anyMatch((prefix) -> {
				int bits = Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
				return IpPrefix.of(address, bits, bits).filter(prefix::equals).isPresent();
			});
	}

	/**
	 * Whether recording this sign-in would change nothing that matters: the device is known with the same
	 * label and network and was seen less than {@value #LAST_SEEN_RESOLUTION_SECONDS} seconds ago. Skipping
	 * the write then saves a database update on most logins; trust lifetimes count in days.
	 */
	public boolean isCurrent(String deviceId, String label, String ipPrefix, Instant at, int keep) {
		return this.devices.size() <= keep && find(deviceId)
			.filter((device) -> device.label().equals(label) && device.ipPrefix().equals(ipPrefix))
			.filter((device) -> at.getEpochSecond() - device.lastSeen() < LAST_SEEN_RESOLUTION_SECONDS)
			.isPresent();
	}

	/**
	 * Records a successful sign-in: the device is added or refreshed, then only the {@code keep} most
	 * recently seen devices are kept.
	 */
	public KnownDevices signedIn(String deviceId, String label, String ipPrefix, Instant at, int keep) {
		long now = at.getEpochSecond();
		long firstSeen = find(deviceId).map(KnownDevice::firstSeen).orElse(now);
		List<KnownDevice> updated = new ArrayList<>(this.devices.size() + 1);
		updated.add(new KnownDevice(deviceId, label, ipPrefix, firstSeen, now));
		this.devices.stream().filter((device) -> !device.id().equals(deviceId)).forEach(updated::add);
		return new KnownDevices(updated.stream().sorted(NEWEST_FIRST).limit(Math.max(1, keep)).toList());
	}

}
