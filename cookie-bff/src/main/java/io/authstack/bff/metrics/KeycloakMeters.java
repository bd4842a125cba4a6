package io.authstack.bff.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * {@link MeterNames#KEYCLOAK_REQUESTS}: how long Keycloak takes to answer the BFF, by endpoint and outcome, for
 * every client the BFF calls it with: the OIDC and admin calls ({@link #interceptor()}) and the JWKS fetch
 * ({@link #timed(ResourceRetriever)}).
 */
@Component
public final class KeycloakMeters {

	/** From a kept-alive connection's few milliseconds up to the 5 s read timeout and beyond. */
	private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5) };

	private final Map<Endpoint, Map<Outcome, Timer>> timers = new EnumMap<>(Endpoint.class);

	public KeycloakMeters(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		for (Endpoint endpoint : Endpoint.values()) {
			Map<Outcome, Timer> outcomes = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				outcomes.put(outcome, Timer.builder(MeterNames.KEYCLOAK_REQUESTS)
					.description("Requests to Keycloak until its answer begins, by endpoint and outcome")
					.tag("endpoint", TagValue.of(endpoint))
					.tag("outcome", TagValue.of(outcome))
					.serviceLevelObjectives(BUCKETS)
					.register(registry));
			}
			this.timers.put(endpoint, outcomes);
		}
	}

	/** Times each request of a {@code RestClient} to Keycloak, its endpoint read from the URL's path. */
	public ClientHttpRequestInterceptor interceptor() {
		return (request, body, execution) -> {
			Endpoint endpoint = Endpoint.of(request.getURI().getPath());
			long started = System.nanoTime();
			ClientHttpResponse response;
			try {
				response = execution.execute(request, body);
			}
			catch (IOException | RuntimeException ex) {
				record(endpoint, Outcome.FAILED, started);
				throw ex;
			}
			record(endpoint, Outcome.of(response.getStatusCode()), started);
			return response;
		};
	}

	/** Times each fetch of the realm's JWKS through {@code retriever}. */
	public ResourceRetriever timed(ResourceRetriever retriever) {
		return (url) -> {
			long started = System.nanoTime();
			Resource resource;
			try {
				resource = retriever.retrieveResource(url);
			}
			catch (IOException | RuntimeException ex) {
				// Nimbus' retriever fails any answer but a 2xx, so a refusal is a failure here.
				record(Endpoint.CERTS, Outcome.FAILED, started);
				throw ex;
			}
			record(Endpoint.CERTS, Outcome.SUCCESS, started);
			return resource;
		};
	}

	private void record(Endpoint endpoint, Outcome outcome, long startedNanos) {
		this.timers.get(endpoint).get(outcome).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	/** Which of Keycloak's endpoints the BFF calls. */
	public enum Endpoint {

		/** The token endpoint: logins, refreshes, token exchanges, the admin client's own token. */
		TOKEN,
		/** The logout endpoint. */
		LOGOUT,
		/** The realm's JWKS. */
		CERTS,
		/** The admin REST API (accounts, sessions). */
		ADMIN,
		/** Any other path. */
		OTHER;

		static Endpoint of(String path) {
			if (path.contains("/admin/realms/")) {
				return ADMIN;
			}
			if (path.endsWith("/protocol/openid-connect/token")) {
				return TOKEN;
			}
			if (path.endsWith("/protocol/openid-connect/logout")) {
				return LOGOUT;
			}
			return path.endsWith("/protocol/openid-connect/certs") ? CERTS : OTHER;
		}

	}

	/** How Keycloak answered. */
	public enum Outcome {

		/** A 2xx or 3xx. */
		SUCCESS,
		/** A 4xx: an OAuth error such as a wrong password or a spent refresh token. */
		REFUSED,
		/** A 5xx, no answer in time, or no connection. */
		FAILED;

		static Outcome of(HttpStatusCode status) {
			if (status.is4xxClientError()) {
				return REFUSED;
			}
			return status.is5xxServerError() ? FAILED : SUCCESS;
		}

	}

}
