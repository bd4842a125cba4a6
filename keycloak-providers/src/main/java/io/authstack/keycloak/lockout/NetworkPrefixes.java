package io.authstack.keycloak.lockout;

import io.authstack.keycloak.risk.IpPrefix;

/**
 * Which network a client address counts for: its first {@code ipv4Bits} or {@code ipv6Bits}. Something that is
 * no address literal (it never should be: Keycloak resolves the client's address) counts as itself.
 */
record NetworkPrefixes(int ipv4Bits, int ipv6Bits) {

	String of(String address) {
		return IpPrefix.of(address, this.ipv4Bits, this.ipv6Bits).orElse(String.valueOf(address));
	}

}
