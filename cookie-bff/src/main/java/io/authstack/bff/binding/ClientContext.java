package io.authstack.bff.binding;

import java.net.InetAddress;

import io.authstack.bff.keycloak.ForwardedClient;

/**
 * Who is calling, resolved once per request by {@link ClientContexts}: the client's address (behind trusted
 * proxies), the device binding its cookies are compared with, and what Keycloak's risk checks are told.
 *
 * @param address the client's IP address
 * @param binding the request's device binding
 * @param forwarded the address and fingerprint headers passed on to Keycloak
 */
public record ClientContext(InetAddress address, DeviceBinding binding, ForwardedClient forwarded) {
}
