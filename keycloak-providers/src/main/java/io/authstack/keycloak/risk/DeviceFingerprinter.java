package io.authstack.keycloak.risk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns {@link DeviceSignals} into a device id: HMAC-SHA256 under a server-side key, so the id stored on a
 * user reveals nothing about the headers and cannot be recomputed by someone who reads the database.
 * <p>
 * Each signal is length-prefixed before it is hashed, so that moving characters from one header into
 * the next never yields the same id; an absent header hashes differently from an empty one.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2104">RFC 2104: HMAC</a>
 */
public final class DeviceFingerprinter {

	private static final String ALGORITHM = "HmacSHA256";

	private static final int ABSENT = -1;

	private final SecretKeySpec key;

	public DeviceFingerprinter(byte[] key) {
		Objects.requireNonNull(key, "key cannot be null");
		if (key.length == 0) {
			throw new IllegalArgumentException("key cannot be empty");
		}
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/** The device id: 256 bits, base64url without padding (43 characters). */
	public String fingerprint(DeviceSignals signals) {
		Mac mac = newMac();
		Stream.of(signals.userAgent(), signals.acceptLanguage(), signals.clientHintBrands(),
				signals.clientHintPlatform(), signals.deviceCookie())
			.forEach((signal) -> update(mac, signal));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
	}

	private static void update(Mac mac, String signal) {
		if (signal == null) {
			mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(ABSENT).array());
			return;
		}
		byte[] bytes = signal.getBytes(StandardCharsets.UTF_8);
		mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
		mac.update(bytes);
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
