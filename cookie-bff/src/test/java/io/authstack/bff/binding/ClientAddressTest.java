package io.authstack.bff.binding;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnored() {
		MockHttpServletRequest request = request("203.0.113.9", "198.51.100.1");

		assertThat(address(List.of()).of(request).getHostAddress()).isEqualTo("203.0.113.9");
	}

	@Test
	void forwardedForFromATrustedProxyGivesTheFirstUntrustedHopFromTheRight() {
		MockHttpServletRequest request = request("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.7");

		assertThat(address(List.of("10.0.0.0/8")).of(request).getHostAddress()).isEqualTo("198.51.100.1");
	}

	@Test
	void forwardedForWithAHostNameIsNeverResolved() {
		MockHttpServletRequest request = request("10.0.0.5", "attacker.example");

		assertThat(address(List.of("10.0.0.0/8")).of(request).getHostAddress()).isEqualTo("10.0.0.5");
	}

	@Test
	void ipv6RangesMatchByPrefix() {
		MockHttpServletRequest request = request("2001:db8::1", "2001:db8:1::9");

		assertThat(address(List.of("2001:db8::/64")).of(request).getHostAddress()).isEqualTo("2001:db8:1:0:0:0:0:9");
	}

	private static ClientAddress address(List<String> trusted) {
		return new ClientAddress(new BindingProperties(null, null, null, trusted));
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return request;
	}

}
