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

}
