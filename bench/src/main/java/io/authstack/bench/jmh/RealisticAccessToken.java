package io.authstack.bench.jmh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * An access token shaped like the ones Keycloak issues to the BFF (same claims, RS256 with a 2048-bit key), at
 * least {@link #MIN_LENGTH} characters long like a real one with a few roles and groups: the benchmarks must
 * pay for the bytes the BFF really seals and verifies.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068 JWT access tokens</a>
 */
public final class RealisticAccessToken {

	/** About the size of a Keycloak access token of a user with a handful of roles and groups. */
	public static final int MIN_LENGTH = 1400;

	public static final String ISSUER = "http://localhost:8180/realms/authstack";

	public static final String CLIENT_ID = "authstack-bff";

	private final RSAKey key;

	private final String token;

	private RealisticAccessToken(RSAKey key, String token) {
		this.key = key;
		this.token = token;
	}

	/** A new signing key and a token valid for an hour from now. */
	public static RealisticAccessToken create() {
		try {
			return signedBy(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate the benchmark key", ex);
		}
	}

	/** Another token of another session, signed by the same key. */
	public RealisticAccessToken another() {
		return signedBy(this.key);
	}

	private static RealisticAccessToken signedBy(RSAKey key) {
		try {
			Instant now = Instant.now();
			List<String> groups = new ArrayList<>();
			String token;
			do {
				groups.add("/organisations/acme/team-" + groups.size());
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
						claims(now, groups));
				jwt.sign(new RSASSASigner(key));
				token = jwt.serialize();
			}
			while (token.length() < MIN_LENGTH);
			return new RealisticAccessToken(key, token);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the benchmark token", ex);
		}
	}

	private static JWTClaimsSet claims(Instant now, List<String> groups) {
		return new JWTClaimsSet.Builder().expirationTime(Date.from(now.plusSeconds(3600)))
			.issueTime(Date.from(now))
			.claim("auth_time", now.getEpochSecond())
			.jwtID("onrtac:" + UUID.randomUUID())
			.issuer(ISSUER)
			.audience("account")
			.subject(UUID.randomUUID().toString())
			.claim("typ", "Bearer")
			.claim("azp", CLIENT_ID)
			.claim("sid", UUID.randomUUID().toString())
			.claim("acr", "1")
			.claim("allowed-origins", List.of("http://localhost:8080"))
			.claim("realm_access",
					Map.of("roles", List.of("default-roles-authstack", "offline_access", "uma_authorization", "user")))
			.claim("resource_access",
					Map.of("account", Map.of("roles", List.of("manage-account", "manage-account-links", "view-profile"))))
			.claim("scope", "openid email profile")
			.claim("email_verified", true)
			.claim("name", "Ada Lovelace")
			.claim("preferred_username", "ada.lovelace")
			.claim("given_name", "Ada")
			.claim("family_name", "Lovelace")
			.claim("email", "ada.lovelace@example.org")
			.claim("groups", List.copyOf(groups))
			.build();
	}

	/** The compact JWS. */
	public String token() {
		return this.token;
	}

	/** The signing key pair; its public part is the realm's JWKS. */
	public RSAKey key() {
		return this.key;
	}

}
