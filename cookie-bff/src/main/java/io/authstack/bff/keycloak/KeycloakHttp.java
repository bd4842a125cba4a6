package io.authstack.bff.keycloak;

import java.net.http.HttpClient;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of every call the BFF makes to Keycloak: the configured connect and read timeouts, and HTTP/1.1.
 * The JDK client's default, HTTP/2, makes it offer an {@code h2c} upgrade on each new cleartext connection, an
 * exchange Keycloak has no need of and that ended some calls under load in "EOF reached while reading".
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
