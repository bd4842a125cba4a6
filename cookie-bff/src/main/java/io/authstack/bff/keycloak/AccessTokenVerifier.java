package io.authstack.bff.keycloak;

import java.nio.ByteBuffer;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Verifies Keycloak's access tokens: signature against the realm's JWKS (cached; refetched when a token
 * names an unknown {@code kid}), RS256 or ES256 only, then {@code iss}, {@code azp}, {@code typ},
 * {@code exp}/{@code nbf} with a small skew.
 * <p>
 * A token verified in full is remembered ({@link VerifiedTokens}); seen again, only its {@code exp} is checked.
 * That is all that can change: a token that passed {@code nbf} once stays past it, and revocation is the
 * session layer's check, on every request either way.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725">RFC 8725 JWT Best Current Practices</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068 JWT access tokens</a>
 */
@Component
public final class AccessTokenVerifier {

	/** About the access tokens of 2,000 sessions active within one token lifetime; each entry is about 1 KB. */
	private static final int REMEMBERED = 2_000;

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final RealmKeys keys;

	private final VerifiedTokens verified = new VerifiedTokens(REMEMBERED);

	private final Duration clockSkew;

	/** Look-ups in {@link #verified}; LongAdders, as every request thread counts on every session check. */
	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	public AccessTokenVerifier(KeycloakProperties properties, RealmKeys keys) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		this.keys = keys;
		this.clockSkew = properties.clockSkew();
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
		this.processor.setJWSKeySelector(keys);
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
				new JWTClaimsSet.Builder().issuer(properties.issuer().toString())
					.claim("azp", properties.clientId())
					.claim("typ", "Bearer")
					.build(),
				Set.of("sub", "sid", "jti", "iat", "exp"));
		claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	/**
	 * @throws InvalidAccessTokenException when the token fails any check
	 * @throws UpstreamUnavailableException when Keycloak's JWKS cannot be fetched
	 */
	public AccessToken verify(String token) {
		ByteBuffer key = VerifiedTokens.key(token);
		long generation = this.keys.generation();
		AccessToken known = this.verified.get(key, generation);
		if (known != null) {
			this.hits.increment();
			if (!Instant.now().isBefore(known.expiresAt().plus(this.clockSkew))) {
				throw new InvalidAccessTokenException(new BadJWTException("Expired JWT"));
			}
			return known;
		}
		this.misses.increment();
		AccessToken checked = verifyInFull(token);
		if (this.keys.generation() == generation) {
			// Not when the keys changed meanwhile: which key set vouched for it is unknown.
			this.verified.put(key, checked, generation);
		}
		return checked;
	}

	/** How many verified tokens are remembered now. */
	public int remembered() {
		return this.verified.size();
	}

	/** How many verifications found the token remembered (then only its expiry is checked). */
	public long hits() {
		return this.hits.sum();
	}

	/** How many verifications found the token not remembered and verified it in full. */
	public long misses() {
		return this.misses.sum();
	}

	private AccessToken verifyInFull(String token) {
		JWTClaimsSet claims;
		try {
			// Parsed as a JWS straight away: JWTParser would parse the header once to find out, then again.
			claims = this.processor.process(SignedJWT.parse(token), null);
		}
		catch (KeySourceException ex) {
			throw new UpstreamUnavailableException("Keycloak JWKS unavailable", ex);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new InvalidAccessTokenException(ex);
		}
		try {
			return new AccessToken(claims.getSubject(), claims.getStringClaim("sid"), claims.getJWTID(),
					claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(),
					claims.getStringClaim("preferred_username"), claims.getStringClaim("email"), realmRoles(claims));
		}
		catch (ParseException ex) {
			throw new InvalidAccessTokenException(ex);
		}
	}

	private static List<String> realmRoles(JWTClaimsSet claims) throws ParseException {
		Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
		if (realmAccess == null || !(realmAccess.get("roles") instanceof List<?> roles)) {
			return List.of();
		}
		return roles.stream().filter(String.class::isInstance).map(String.class::cast).sorted().toList();
	}

}
