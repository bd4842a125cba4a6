package io.authstack.bff.keycloak;

import java.util.Map;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.Event;
import com.nimbusds.jose.util.events.EventListener;

/**
 * Counts the distinct key sets the realm's JWKS endpoint has answered with: each refresh of the cached JWKS
 * that brings keys other than the last ones starts a new generation. What was verified with an older
 * generation's keys is verified again (a key Keycloak removed must stop vouching for tokens at once).
 */
final class KeySetChanges implements EventListener<CachingJWKSetSource<SecurityContext>, SecurityContext> {

	private Map<String, Object> lastKeys;

	private volatile long generation;

	@Override
	public synchronized void notify(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
		if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> refreshed) {
			Map<String, Object> keys = refreshed.getJWKSet().toJSONObject(true);
			if (!keys.equals(this.lastKeys)) {
				this.lastKeys = keys;
				this.generation++;
			}
		}
	}

	long generation() {
		return this.generation;
	}

}
