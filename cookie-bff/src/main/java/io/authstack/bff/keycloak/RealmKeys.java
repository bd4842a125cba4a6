package io.authstack.bff.keycloak;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.util.Assert;

/**
 * The realm's signature keys, for every verifier of Keycloak's tokens: RS256 or ES256 only, picked by the
 * token's {@code kid} from the realm's JWKS, and each JWK converted to a Java key once rather than for every
 * token (nimbus' own selector converts per call). A {@code kid} the JWKS still lacks when it was just fetched
 * again selects no key, so the token is refused as forged rather than blamed on Keycloak.
 */
public final class RealmKeys extends JWSVerificationKeySelector<SecurityContext> {

	private final KeySetChanges changes;

	private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

	private volatile long convertedGeneration;

	RealmKeys(JWKSource<SecurityContext> jwks, KeySetChanges changes) {
		super(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), jwks);
		Assert.notNull(changes, "changes cannot be null");
		this.changes = changes;
	}

	/**
	 * Keys from {@code source}, cached as nimbus caches a JWKS (five minutes, and fetched again at once, rate
	 * limited, when a token names an unknown {@code kid}), each refresh telling whether the key set changed.
	 */
	static RealmKeys cached(JWKSetSource<SecurityContext> source) {
		KeySetChanges changes = new KeySetChanges();
		return new RealmKeys(JWKSourceBuilder.create(source)
			.cache(JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, changes)
			.retrying(false)
			.build(), changes);
	}

	/** Keys from a fixed JWKS that never changes: for tests and benchmarks. */
	public static RealmKeys fixed(JWKSource<SecurityContext> jwks) {
		return new RealmKeys(jwks, new KeySetChanges());
	}

	/** Changes whenever the realm's key set does. */
	public long generation() {
		return this.changes.generation();
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		JWKMatcher matcher = isAllowed(header.getAlgorithm()) ? createJWKMatcher(header) : null;
		if (matcher == null) {
			return List.of();
		}
		forgetConversionsOfOldKeys();
		List<JWK> jwks;
		try {
			jwks = getJWKSource().get(new JWKSelector(matcher), context);
		}
		catch (RateLimitReachedException ex) {
			// The JWKS was fetched again moments ago and still lacks this kid: not one of the realm's keys.
			return List.of();
		}
		List<Key> keys = new ArrayList<>();
		for (JWK jwk : jwks) {
			keys.addAll(this.converted.computeIfAbsent(jwk, RealmKeys::publicKeys));
		}
		return keys;
	}

	private void forgetConversionsOfOldKeys() {
		long generation = generation();
		if (generation != this.convertedGeneration) {
			this.converted.clear();
			this.convertedGeneration = generation;
		}
	}

	private static List<Key> publicKeys(JWK jwk) {
		return KeyConverter.toJavaKeys(List.of(jwk)).stream().filter(PublicKey.class::isInstance).toList();
	}

}
