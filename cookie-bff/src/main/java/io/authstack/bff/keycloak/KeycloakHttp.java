package io.authstack.bff.keycloak;

import java.net.http.HttpClient;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of every call the BFF makes to Keycloak: the configured connect and read timeouts, and HTTP/1.1.
 * The JDK client's default, HTTP/2, makes it offer an {@code h2c} upgrade on each new cleartext connection, and
 * Keycloak 26.7's Vert.x fails some upgraded requests ({@code IllegalStateException: Request has already been
 * read} in {@code Http2ServerRequest}, in Keycloak's log): the BFF saw "EOF reached while reading" and answered
 * 503. Seen in the benchmarks and in the ITs under load.
 */
public final class KeycloakHttp {

	private KeycloakHttp() {
	}

	public static RestClient restClient(KeycloakProperties properties) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build());
		requests.setReadTimeout(properties.timeout());
		return RestClient.builder().requestFactory(requests).build();
	}

}
