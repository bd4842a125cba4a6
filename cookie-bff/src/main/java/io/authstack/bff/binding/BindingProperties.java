package io.authstack.bff.binding;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a session is bound to the device and network it was created from.
 *
 * @param ipv4PrefixLength the bits of an IPv4 address that must stay the same (24 by default)
 * @param ipv6PrefixLength the bits of an IPv6 address that must stay the same (64 by default)
 * @param ipChange what a change of IP prefix does: {@code log} it, or {@code reject} the request
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed; empty means the
 * socket's address is the client's
 */
@Validated
@ConfigurationProperties("authstack.bff.binding")
public record BindingProperties(@Min(8) @Max(32) Integer ipv4PrefixLength, @Min(16) @Max(128) Integer ipv6PrefixLength,
		@NotNull IpChangePolicy ipChange, List<String> trustedProxies) {

	public BindingProperties {
		ipv4PrefixLength = (ipv4PrefixLength != null) ? ipv4PrefixLength : 24;
		ipv6PrefixLength = (ipv6PrefixLength != null) ? ipv6PrefixLength : 64;
		ipChange = (ipChange != null) ? ipChange : IpChangePolicy.LOG;
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

	/** What an IP-prefix change does to a session. */
	public enum IpChangePolicy {

		/** Mobile networks change addresses: note it and carry on. */
		LOG,

		/** Refuse the request with {@code binding_mismatch} (the session itself stays). */
		REJECT

	}

}
