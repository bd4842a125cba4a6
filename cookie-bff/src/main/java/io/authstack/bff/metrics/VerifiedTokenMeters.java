package io.authstack.bff.metrics;

import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@link MeterNames#VERIFIED_TOKENS} and {@link MeterNames#VERIFIED_TOKEN_LOOKUPS}: the verified-token cache's size
 * and its hits and misses, read from the verifier when Prometheus scrapes, so that a session check pays nothing more
 * than the verifier's own counting.
 */
@Component
final class VerifiedTokenMeters implements MeterBinder {

	private final AccessTokenVerifier verifier;

	VerifiedTokenMeters(AccessTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(MeterNames.VERIFIED_TOKENS, this.verifier, AccessTokenVerifier::remembered)
			.description("Access tokens remembered as verified in full")
			.register(registry);
		FunctionCounter.builder(MeterNames.VERIFIED_TOKEN_LOOKUPS, this.verifier, AccessTokenVerifier::hits)
			.description("Look-ups in the verified-token cache, by result")
			.tag("result", "hit")
			.register(registry);
		FunctionCounter.builder(MeterNames.VERIFIED_TOKEN_LOOKUPS, this.verifier, AccessTokenVerifier::misses)
			.description("Look-ups in the verified-token cache, by result")
			.tag("result", "miss")
			.register(registry);
	}

}
