package io.authstack.bff.keycloak;

import java.net.MalformedURLException;

import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.authstack.bff.metrics.KeycloakMeters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The realm's signing keys, fetched from Keycloak's JWKS endpoint with bounded timeouts, cached, and fetched
 * again (rate limited) when a token names a {@code kid} the cache does not know: Keycloak key rotation needs
 * no restart.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakConfiguration {

	private static final int JWKS_SIZE_LIMIT = 256 * 1024;

	@Bean
	RealmKeys realmKeys(KeycloakProperties properties, KeycloakMeters meters) {
		try {
			return RealmKeys.cached(new URLBasedJWKSetSource<>(properties.endpoint("certs").toURL(),
					meters.timed(new DefaultResourceRetriever((int) properties.connectTimeout().toMillis(),
							(int) properties.timeout().toMillis(), JWKS_SIZE_LIMIT))));
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Bad Keycloak issuer " + properties.issuer(), ex);
		}
	}

}
