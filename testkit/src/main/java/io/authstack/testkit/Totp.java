package io.authstack.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticator app of a test user: six-digit HMAC-SHA1 codes over 30-second steps, keyed with the
 * UTF-8 bytes of the secret, as Keycloak's default OTP policy checks them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238 TOTP</a>
 */
public final class Totp {

	private static final int STEP_SECONDS = 30;

	private static final int MODULO = 1_000_000;

	private final byte[] key;

	public Totp(String secret) {
		this.key = secret.getBytes(StandardCharsets.UTF_8);
	}

	/** The code the app shows now. */
	public String now() {
		return at(Instant.now());
	}

	/** A six-digit code that is not the current one (a neighbouring step's code is a one-in-a-million chance). */
	public String wrong() {
		return format((Integer.parseInt(now()) + MODULO / 2) % MODULO);
	}

	String at(Instant instant) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(this.key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(instant.getEpochSecond() / STEP_SECONDS).array());
			// RFC 4226 §5.3 dynamic truncation.
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return format(binary % MODULO);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is missing from this JVM", ex);
		}
	}

	private static String format(int code) {
		return String.format("%06d", code);
	}

}
