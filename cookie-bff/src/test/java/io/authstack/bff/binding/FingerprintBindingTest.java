package io.authstack.bff.binding;

import java.util.List;

import io.authstack.bff.keycloak.ForwardedClient;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintBindingTest {

	private final Policy logPolicy = policy(BindingProperties.IpChangePolicy.LOG);

	@Test
	void sameBrowserOnTheSameSubnetMatches() {
		DeviceBinding sealed = this.logPolicy.of(request("Firefox", "192.0.2.10"));

		assertThat(this.logPolicy.check(sealed, request("Firefox", "192.0.2.77")))
			.isEqualTo(FingerprintBinding.Verdict.MATCH);
	}

	@Test
	void anotherUserAgentIsAFingerprintMismatch() {
		DeviceBinding sealed = this.logPolicy.of(request("Firefox", "192.0.2.10"));

		assertThat(this.logPolicy.check(sealed, request("curl", "192.0.2.10")))
			.isEqualTo(FingerprintBinding.Verdict.FINGERPRINT_MISMATCH);
	}

	@Test
	void anotherSubnetIsOnlyLoggedUnderTheLogPolicy() {
		DeviceBinding sealed = this.logPolicy.of(request("Firefox", "192.0.2.10"));

		assertThat(this.logPolicy.check(sealed, request("Firefox", "198.51.100.10")))
			.isEqualTo(FingerprintBinding.Verdict.MATCH);
	}

	@Test
	void anotherSubnetIsRejectedUnderTheRejectPolicy() {
		Policy reject = policy(BindingProperties.IpChangePolicy.REJECT);
		DeviceBinding sealed = reject.of(request("Firefox", "2001:db8:0:1::10"));

		assertThat(reject.check(sealed, request("Firefox", "2001:db8:0:1::99")))
			.isEqualTo(FingerprintBinding.Verdict.MATCH);
		assertThat(reject.check(sealed, request("Firefox", "2001:db8:0:2::10")))
			.isEqualTo(FingerprintBinding.Verdict.IP_PREFIX_MISMATCH);
	}

	@Test
	void textMovedBetweenHeadersChangesTheFingerprint() {
		MockHttpServletRequest one = request("Firefox", "192.0.2.10");
		one.addHeader("Accept-Language", "en");
		MockHttpServletRequest other = request("Firefoxen", "192.0.2.10");

		assertThat(this.logPolicy.of(one).fingerprint()).isNotEqualTo(this.logPolicy.of(other).fingerprint());
	}

	@Test
	void forwardedClientCarriesTheAddressAndFingerprintHeaders() {
		MockHttpServletRequest request = request("Firefox", "192.0.2.10");
		request.addHeader("Sec-CH-UA-Platform", "\"Linux\"");

		ForwardedClient forwarded = this.logPolicy.forwarded(request);

		assertThat(forwarded.address()).isEqualTo("192.0.2.10");
		assertThat(forwarded.headers()).containsEntry("User-Agent", "Firefox")
			.containsEntry("Sec-CH-UA-Platform", "\"Linux\"");
	}

	private static Policy policy(BindingProperties.IpChangePolicy ipChange) {
		BindingProperties properties = new BindingProperties(null, null, ipChange, List.of());
		FingerprintBinding binding = new FingerprintBinding(properties);
		return new Policy(binding, new ClientContexts(new ClientAddress(properties), binding));
	}

	/** A binding policy, seen the way the session layer uses it: through each request's client context. */
	private record Policy(FingerprintBinding binding, ClientContexts clients) {

		DeviceBinding of(MockHttpServletRequest request) {
			return this.clients.of(request).binding();
		}

		FingerprintBinding.Verdict check(DeviceBinding sealed, MockHttpServletRequest request) {
			return this.binding.check(sealed, of(request));
		}

		ForwardedClient forwarded(MockHttpServletRequest request) {
			return this.clients.of(request).forwarded();
		}

	}

	private static MockHttpServletRequest request(String userAgent, String address) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		request.addHeader("User-Agent", userAgent);
		return request;
	}

}
