package io.authstack.keycloak.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpPrefixTest {

	@Test
	void ipv4AddressKeepsItsFirst24BitsByDefault() {
		assertThat(IpPrefix.of("203.0.113.77", 24, 64)).contains("203.0.113.0/24");
	}

	@Test
	void ipv4PrefixLengthIsConfigurable() {
		assertThat(IpPrefix.of("203.0.113.77", 16, 64)).contains("203.0.0.0/16");
		assertThat(IpPrefix.of("203.0.113.77", 20, 64)).contains("203.0.112.0/20");
		assertThat(IpPrefix.of("203.0.113.77", 32, 64)).contains("203.0.113.77/32");
	}

	@Test
	void ipv6AddressKeepsItsFirst64Bits() {
		assertThat(IpPrefix.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 24, 64)).contains("2001:db8:1:2:0:0:0:0/64");
		assertThat(IpPrefix.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 24, 48)).contains("2001:db8:1:0:0:0:0:0/48");
	}

	@Test
	void ipv6ZoneIsIgnored() {
		assertThat(IpPrefix.of("fe80::1%eth0", 24, 64)).contains("fe80:0:0:0:0:0:0:0/64");
	}

	@Test
	void ipv4MappedIpv6AddressIsTreatedAsIpv4() {
		assertThat(IpPrefix.of("::ffff:198.51.100.9", 24, 64)).contains("198.51.100.0/24");
	}

	@Test
	void outOfRangeLengthsAreClamped() {
		assertThat(IpPrefix.of("203.0.113.77", 40, 64)).contains("203.0.113.77/32");
		assertThat(IpPrefix.of("203.0.113.77", -1, 64)).contains("0.0.0.0/0");
	}

	@Test
	void hostNamesAndGarbageAreNotLookedUp() {
		assertThat(IpPrefix.of("example.com", 24, 64)).isEmpty();
		assertThat(IpPrefix.of("", 24, 64)).isEmpty();
		assertThat(IpPrefix.of(null, 24, 64)).isEmpty();
		assertThat(IpPrefix.of("999.1.1.1", 24, 64)).isEmpty();
	}

}
