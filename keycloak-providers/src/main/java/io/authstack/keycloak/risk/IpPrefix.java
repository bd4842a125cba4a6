package io.authstack.keycloak.risk;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network a client address belongs to, e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1:2:0:0:0:0/64}:
 * addresses change within a provider's network all the time, prefixes much less.
 * <p>
 * Only literal addresses are accepted, never host names, so this never triggers a DNS lookup.
 */
public final class IpPrefix {

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private IpPrefix() {
	}

	/**
	 * @param address a literal IPv4 or IPv6 address (an IPv6 zone id is ignored)
	 * @param ipv4Bits how many leading bits of an IPv4 address name its network (0-32)
	 * @param ipv6Bits how many leading bits of an IPv6 address name its network (0-128)
	 * @return the prefix in CIDR notation, or empty when {@code address} is not a literal address
	 */
	public static Optional<String> of(String address, int ipv4Bits, int ipv6Bits) {
		if (address == null) {
			return Optional.empty();
		}
		String literal = address.strip();
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		if (!IPV4_LITERAL.matcher(literal).matches() && !IPV6_LITERAL.matcher(literal).matches()) {
			return Optional.empty();
		}
		try {
			// A literal: InetAddress parses it without any lookup. IPv4-mapped IPv6 comes back as IPv4.
			InetAddress parsed = InetAddress.getByName(literal);
			int bits = (parsed instanceof Inet4Address) ? clamp(ipv4Bits, 32) : clamp(ipv6Bits, 128);
			byte[] masked = mask(parsed.getAddress(), bits);
			return Optional.of(InetAddress.getByAddress(masked).getHostAddress() + "/" + bits);
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	private static byte[] mask(byte[] address, int bits) {
		byte[] masked = address.clone();
		for (int i = 0; i < masked.length; i++) {
			int keep = Math.max(0, Math.min(8, bits - i * 8));
			masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
		}
		return masked;
	}

	private static int clamp(int bits, int max) {
		return Math.max(0, Math.min(max, bits));
	}

}
