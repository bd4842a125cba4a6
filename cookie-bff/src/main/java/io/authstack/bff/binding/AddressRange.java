package io.authstack.bff.binding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1}); also masks an address to its
 * prefix for the binding.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4632#section-3.1">RFC 4632 §3.1</a>
 */
final class AddressRange {

	private final byte[] network;

	private final int prefixLength;

	private AddressRange(byte[] network, int prefixLength) {
		this.network = mask(network, prefixLength);
		this.prefixLength = prefixLength;
	}

	static AddressRange parse(String cidr) {
		String[] parts = cidr.trim().split("/", 2);
		byte[] address = literal(parts[0])
			.orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR range: " + cidr))
			.getAddress();
		int length = (parts.length == 2) ? Integer.parseInt(parts[1]) : address.length * 8;
		if (length < 0 || length > address.length * 8) {
			throw new IllegalArgumentException("Bad prefix length in " + cidr);
		}
		return new AddressRange(address, length);
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == this.network.length
				&& Arrays.equals(mask(bytes, this.prefixLength), this.network);
	}

	/**
	 * An IP literal as an address, never a DNS lookup: {@link InetAddress#getByName} resolves host names,
	 * and a header value must not make us query DNS.
	 */
	static Optional<InetAddress> literal(String text) {
		String candidate = text.trim();
		if (candidate.startsWith("[") && candidate.endsWith("]")) {
			candidate = candidate.substring(1, candidate.length() - 1);
		}
		if (candidate.isEmpty() || !candidate.chars().allMatch(AddressRange::isAddressCharacter)
				|| (!candidate.contains(":") && !candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(candidate));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	static byte[] mask(byte[] address, int prefixLength) {
		byte[] masked = address.clone();
		for (int i = 0; i < masked.length; i++) {
			int bits = Math.max(0, Math.min(8, prefixLength - i * 8));
			masked[i] &= (byte) (0xFF << (8 - bits));
		}
		return masked;
	}

	private static boolean isAddressCharacter(int c) {
		return Character.digit(c, 16) >= 0 || c == '.' || c == ':';
	}

}
