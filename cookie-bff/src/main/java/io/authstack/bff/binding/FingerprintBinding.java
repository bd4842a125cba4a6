package io.authstack.bff.binding;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.authstack.bff.keycloak.ForwardedClient;

/**
 * Computes a request's {@link DeviceBinding} and compares it with the one a cookie was sealed with.
 * The fingerprint covers User-Agent, Accept-Language and the client hints a browser sends unasked
 * ({@code Sec-CH-UA}, {@code -Mobile}, {@code -Platform}); high-entropy hints come and go with
 * {@code Accept-CH} and would break sessions for nothing.
 *
 * @see <a href="https://wicg.github.io/ua-client-hints/">User-Agent Client Hints</a>
 */
@Component
public final class FingerprintBinding {

	/** The headers that make up the fingerprint, and that Keycloak's risk checks see too. */
	static final List<String> FINGERPRINT_HEADERS = List.of("User-Agent", "Accept-Language", "Sec-CH-UA",
			"Sec-CH-UA-Mobile", "Sec-CH-UA-Platform");

	private static final Logger logger = LoggerFactory.getLogger(FingerprintBinding.class);

	private final BindingProperties properties;

	FingerprintBinding(BindingProperties properties) {
		this.properties = properties;
	}

	/** The binding of a request from {@code address}. */
	DeviceBinding of(HttpServletRequest request, InetAddress address) {
		StringBuilder fingerprint = new StringBuilder();
		for (String header : FINGERPRINT_HEADERS) {
			String value = request.getHeader(header);
			// Length-prefixed, so that moving text between headers changes the hash.
			String text = (value != null) ? value.trim() : "";
			fingerprint.append(text.length()).append(':').append(text).append('\n');
		}
		int prefixLength = (address instanceof Inet4Address) ? this.properties.ipv4PrefixLength()
				: this.properties.ipv6PrefixLength();
		byte[] prefix = AddressRange.mask(address.getAddress(), prefixLength);
		byte[] ipInput = new byte[prefix.length + 1];
		System.arraycopy(prefix, 0, ipInput, 0, prefix.length);
		ipInput[prefix.length] = (byte) prefixLength;
		return new DeviceBinding(hash(fingerprint.toString().getBytes(StandardCharsets.UTF_8)), hash(ipInput));
	}

	/**
	 * @return whether the request may go on; a fingerprint mismatch never may, an IP-prefix change per the
	 * configured policy
	 */
	public Verdict check(DeviceBinding sealed, DeviceBinding current) {
		if (!MessageDigest.isEqual(bytes(sealed.fingerprint()), bytes(current.fingerprint()))) {
			return Verdict.FINGERPRINT_MISMATCH;
		}
		if (!MessageDigest.isEqual(bytes(sealed.ipPrefix()), bytes(current.ipPrefix()))) {
			logger.info("Session used from another IP prefix (policy {})", this.properties.ipChange());
			return (this.properties.ipChange() == BindingProperties.IpChangePolicy.REJECT) ? Verdict.IP_PREFIX_MISMATCH
					: Verdict.MATCH;
		}
		return Verdict.MATCH;
	}

	/** The browser's address and fingerprint headers, for Keycloak's own risk checks. */
	ForwardedClient forwarded(HttpServletRequest request, InetAddress address) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header : FINGERPRINT_HEADERS) {
			String value = request.getHeader(header);
			if (value != null) {
				headers.put(header, value);
			}
		}
		return new ForwardedClient(address.getHostAddress(), headers);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String hash(byte[] input) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(input));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** The outcome of comparing a cookie's binding with the request. */
	public enum Verdict {

		MATCH, FINGERPRINT_MISMATCH, IP_PREFIX_MISMATCH

	}

}
