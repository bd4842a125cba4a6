package io.authstack.bff.binding;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientNetworkTest {

	@Test
	void anIpv4AddressIsItsOwnNetworkAndAnIpv6AddressCountsAsItsSlash64() throws Exception {
		assertThat(ClientAddress.network(InetAddress.getByName("192.0.2.10"))).isEqualTo("192.0.2.10");
		assertThat(ClientAddress.network(InetAddress.getByName("2001:db8:0:1:aaaa::1")))
			.isEqualTo(ClientAddress.network(InetAddress.getByName("2001:db8:0:1:ffff:1:2:3")))
			.isEqualTo("2001:db8:0:1:0:0:0:0/64");
		assertThat(ClientAddress.network(InetAddress.getByName("2001:db8:0:2::1"))).isEqualTo("2001:db8:0:2:0:0:0:0/64");
	}

	@Test
	void aUsersSiteIsAnIpv4AddressesSlash24AndAnIpv6AddressesSlash64() throws Exception {
		assertThat(ClientAddress.site(InetAddress.getByName("192.0.2.10")))
			.isEqualTo(ClientAddress.site(InetAddress.getByName("192.0.2.250")))
			.isEqualTo("192.0.2.0/24");
		assertThat(ClientAddress.site(InetAddress.getByName("192.0.3.10"))).isEqualTo("192.0.3.0/24");
		assertThat(ClientAddress.site(InetAddress.getByName("2001:db8:0:1:aaaa::1")))
			.isEqualTo("2001:db8:0:1:0:0:0:0/64");
	}

}
