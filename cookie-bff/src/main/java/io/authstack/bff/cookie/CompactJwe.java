package io.authstack.bff.cookie;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The five parts of a JWE compact serialisation of {@code dir}+{@code A256GCM}, read strictly: exactly four
 * dots, an empty encrypted key, a 12-byte IV and a 16-byte tag, and base64url without padding in its one
 * canonical form (no {@code =}, no character outside the URL alphabet, zero bits after the last byte). A
 * lenient decoder maps several strings to one value, so the same cookie would have many spellings.
 *
 * @param header the protected header as sent, whose ASCII is the AEAD's additional data
 * @param iv the 96-bit initialisation vector
 * @param ciphertextAndTag the ciphertext followed by the 128-bit tag, as JCA's AES-GCM reads them
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7516#section-7.1">RFC 7516 §7.1 compact serialisation</a>
 */
record CompactJwe(String header, byte[] iv, byte[] ciphertextAndTag) {

	static final int IV_BYTES = 12;

	static final int TAG_BYTES = 16;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** {@code header..iv.ciphertext.tag} from what JCA's AES-GCM wrote: the ciphertext followed by its tag. */
	static String serialize(String header, byte[] iv, byte[] ciphertextAndTag) {
		int ciphertextLength = ciphertextAndTag.length - TAG_BYTES;
		byte[] ciphertext = new byte[ciphertextLength];
		byte[] tag = new byte[TAG_BYTES];
		System.arraycopy(ciphertextAndTag, 0, ciphertext, 0, ciphertextLength);
		System.arraycopy(ciphertextAndTag, ciphertextLength, tag, 0, TAG_BYTES);
		return header + ".." + ENCODER.encodeToString(iv) + '.' + ENCODER.encodeToString(ciphertext) + '.'
				+ ENCODER.encodeToString(tag);
	}

	/** @throws UnreadableCookieException when the value is not five strictly encoded parts of the right sizes */
	static CompactJwe parse(String value) {
		int[] dots = dots(value);
		if (dots[1] != dots[0] + 1) {
			throw new UnreadableCookieException("an encrypted key, which dir never has");
		}
		byte[] iv = decode(value, dots[1] + 1, dots[2]);
		byte[] ciphertext = decode(value, dots[2] + 1, dots[3]);
		byte[] tag = decode(value, dots[3] + 1, value.length());
		if (iv.length != IV_BYTES || tag.length != TAG_BYTES) {
			throw new UnreadableCookieException("IV or tag of the wrong length");
		}
		byte[] ciphertextAndTag = new byte[ciphertext.length + TAG_BYTES];
		System.arraycopy(ciphertext, 0, ciphertextAndTag, 0, ciphertext.length);
		System.arraycopy(tag, 0, ciphertextAndTag, ciphertext.length, TAG_BYTES);
		return new CompactJwe(value.substring(0, dots[0]), iv, ciphertextAndTag);
	}

	/** The AEAD's additional data: the ASCII of the header part as sent (RFC 7516 §5.2 step 14). */
	byte[] additionalData() {
		return this.header.getBytes(StandardCharsets.US_ASCII);
	}

	private static int[] dots(String value) {
		int[] dots = new int[4];
		int found = 0;
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) == '.') {
				if (found == dots.length) {
					throw new UnreadableCookieException("not a compact JWE");
				}
				dots[found++] = i;
			}
		}
		if (found != dots.length) {
			throw new UnreadableCookieException("not a compact JWE");
		}
		return dots;
	}

	private static byte[] decode(String value, int from, int to) {
		int length = to - from;
		int padding = value.indexOf('=', from);
		// The JDK's decoder refuses every character outside the URL alphabet but takes '=' as the end of input.
		if (length % 4 == 1 || (padding >= 0 && padding < to)) {
			throw new UnreadableCookieException("not base64url without padding");
		}
		// The bits after the last whole byte must be zero, or "QQ" and "QR" would both read as "A".
		int unusedBits = (length % 4 == 2) ? 4 : (length % 4 == 3) ? 2 : 0;
		if (length > 0 && (sextet(value.charAt(to - 1)) & ((1 << unusedBits) - 1)) != 0) {
			throw new UnreadableCookieException("base64url with stray bits");
		}
		try {
			return DECODER.decode(value.substring(from, to));
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableCookieException("not base64url without padding", ex);
		}
	}

	private static int sextet(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '-') ? 62 : (c == '_') ? 63 : -1;
	}

}
