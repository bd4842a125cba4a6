package io.authstack.bff.binding;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The client's IP address: the socket's peer, unless that peer is a configured trusted proxy, in which case
 * {@code X-Forwarded-For} is walked from the right and the first hop that is not a trusted proxy wins.
 * A forged header from anyone else is ignored.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7239#section-7.4">RFC 7239 §7.4</a>
 */
@Component
public final class ClientAddress {

	private final List<AddressRange> trustedProxies;

	public ClientAddress(BindingProperties properties) {
		this.trustedProxies = properties.trustedProxies().stream().map(AddressRange::parse).toList();
	}

	public InetAddress of(HttpServletRequest request) {
		InetAddress peer = AddressRange.literal(request.getRemoteAddr())
			.orElseThrow(() -> new IllegalStateException("Socket peer is not an IP address"));
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = Collections.list(request.getHeaders("X-Forwarded-For"));
		String[] hops = String.join(",", forwarded).split(",");
		InetAddress client = peer;
		for (int i = hops.length - 1; i >= 0; i--) {
			Optional<InetAddress> hop = AddressRange.literal(hops[i]);
			if (hop.isEmpty()) {
				// Garbage in the chain: the last address we could vouch for is the client.
				return client;
			}
			client = hop.get();
			if (!isTrusted(client)) {
				return client;
			}
		}
		return client;
	}

	/**
	 * The network a client's attempts are counted against: an IPv4 address itself, an IPv6 address's /64 (one
	 * subscriber's usual allocation: counting per /128 would give each one 2^64 fresh buckets).
	 */
	public static String network(InetAddress address) {
		if (address instanceof Inet4Address) {
			return address.getHostAddress();
		}
		try {
			return InetAddress.getByAddress(AddressRange.mask(address.getAddress(), 64)).getHostAddress() + "/64";
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException("A 16-byte address is always an IPv6 address", ex);
		}
	}

	/**
	 * The network a person's own devices share, which a user's failed logins are counted per: an IPv4 address's
	 * /24, an IPv6 address's /64 (as Keycloak's brute-force protector and the device-risk check count them).
	 * Wider than {@link #network}: a home or an office puts its devices on one /24 or /64, an attacker elsewhere
	 * is on another.
	 */
	public static String site(InetAddress address) {
		int bits = (address instanceof Inet4Address) ? 24 : 64;
		try {
			return InetAddress.getByAddress(AddressRange.mask(address.getAddress(), bits)).getHostAddress() + "/" + bits;
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException("A 4- or 16-byte address is always an IP address", ex);
		}
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((range) -> range.contains(address));
	}

}
