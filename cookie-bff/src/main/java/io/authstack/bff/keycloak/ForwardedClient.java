package io.authstack.bff.keycloak;

import java.util.Map;

/**
 * The browser's address and headers, passed on to Keycloak so that its risk checks see the real client
 * rather than the BFF. Keycloak believes {@code X-Forwarded-For} only from the BFF's address.
 *
 * @param address the client's IP address as the BFF resolved it
 * @param headers the browser headers to forward (User-Agent, Accept-Language, client hints)
 */
public record ForwardedClient(String address, Map<String, String> headers) {

	public ForwardedClient {
		headers = Map.copyOf(headers);
	}

}
