package io.authstack.keycloak.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Keeps a user's known devices in the multivalued user attribute {@value #ATTRIBUTE}, one small JSON
 * object per device.
 * <p>
 * Why user attributes and not an entity of our own: they are stored with the user in Keycloak's database
 * (so they survive restarts and follow the user through realm export and import), readable through the
 * admin REST API and console with no endpoint of ours, and removed with the user. The list is short and
 * bounded ({@link DeviceRiskConfig#devicesKept()}), so the attribute table is the right size of store;
 * a JPA entity would add a Liquibase changelog and a custom admin endpoint for nothing. The realm's user
 * profile declares the attribute as viewable and editable by admins only, so a user cannot mark a device
 * as known from the account console, while an admin can forget a device by deleting its value.
 */
public final class KnownDeviceStore {

	public static final String ATTRIBUTE = "authstack_known_devices";

	private static final Logger LOG = Logger.getLogger(KnownDeviceStore.class);

	private KnownDeviceStore() {
	}

	public static KnownDevices read(UserModel user) {
		List<KnownDevice> devices = new ArrayList<>();
		user.getAttributeStream(ATTRIBUTE).forEach((value) -> {
			try {
				devices.add(JsonSerialization.readValue(value, KnownDevice.class));
			}
			catch (IOException ex) {
				// An unreadable entry (edited by hand) is skipped: the device just counts as new again.
				LOG.warnf("device-risk: ignoring an unreadable %s value of user %s", ATTRIBUTE, user.getId());
			}
		});
		return new KnownDevices(devices);
	}

	public static void write(UserModel user, KnownDevices devices) {
		List<String> values = devices.asList().stream().map(KnownDeviceStore::toJson).toList();
		user.setAttribute(ATTRIBUTE, values);
	}

	private static String toJson(KnownDevice device) {
		try {
			return JsonSerialization.writeValueAsString(device);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serialise a known device", ex);
		}
	}

}
