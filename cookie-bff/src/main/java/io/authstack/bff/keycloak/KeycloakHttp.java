package io.authstack.bff.keycloak;

import io.authstack.bff.metrics.KeycloakMeters;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of every call the BFF makes to Keycloak: the configured connect and read timeouts, over the JDK's
 * blocking {@code HttpURLConnection} with its keep-alive pool (sized in {@link io.authstack.bff.BffApplication}).
 * <p>
 * Two reasons, both measured. The JDK's asynchronous {@code java.net.http.HttpClient} cost the BFF about 0.8 ms of
 * CPU per call to Keycloak in its selector and worker threads (a third of a refresh's CPU in the BFF), where this
 * client does the work on the request's own thread. And {@code HttpURLConnection} speaks HTTP/1.1 only: the
 * {@code HttpClient} offers an {@code h2c} upgrade on each new cleartext connection unless told not to, and Keycloak
 * 26.7's Vert.x fails some upgraded requests ({@code IllegalStateException: Request has already been read} in
 * {@code Http2ServerRequest}), which the BFF answered with 503.
 */
public final class KeycloakHttp {

	private KeycloakHttp() {
	}

	/** The client, each of its requests timed in {@code meters}. */
	public static RestClient restClient(KeycloakProperties properties, KeycloakMeters meters) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.connectTimeout());
		requests.setReadTimeout(properties.timeout());
		return RestClient.builder().requestFactory(requests).requestInterceptor(meters.interceptor()).build();
	}

}
