package io.authstack.bench.jmh;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieProperties;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.RealmKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BFF's per-request check without the Redis call: open the sealed access cookie with {@link CookieSealer},
 * read the {@link AccessEnvelope} JSON, and have {@link AccessTokenVerifier} vouch for Keycloak's RS256 JWT. On a
 * hit, the token was verified before and only its {@code exp} is checked; on a miss (a token the verifier has not
 * seen: each call takes the next of more tokens than it remembers), the signature is verified against the JWKS and
 * {@code iss}/{@code azp}/{@code typ}/{@code exp} checked. The JWKS is an {@link ImmutableJWKSet}: what the BFF's
 * cached JWKS source answers. The baselines are the irreducible parts: one JCA AES-256-GCM open of as many bytes
 * with a reused {@link Cipher}, and one JCA {@code SHA256withRSA} verification of the token's signature. Not
 * final: JMH subclasses benchmark classes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3">RFC 8725 §3</a>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestCheckBenchmark {

	/** More distinct tokens than the verifier remembers (2,000), taken in turn: every one is a miss. */
	private static final int UNSEEN_TOKENS = 4_096;

	private CookieSealer sealer;

	private AccessTokenVerifier verifier;

	private JsonMapper json;

	private String cookie;

	private String[] unseenCookies;

	private int next;

	private RSAPublicKey publicKey;

	private byte[] signingInput;

	private byte[] signature;

	private final Cipher cipher = CookieSealingBenchmark.aesGcm();

	private SecretKey key;

	private byte[] iv;

	private byte[] sealedBytes;

	@Setup
	public void setUp() throws GeneralSecurityException, JOSEException {
		RealisticAccessToken token = RealisticAccessToken.create();
		byte[] secret = new byte[32];
		new java.security.SecureRandom().nextBytes(secret);
		this.sealer = new CookieSealer(
				List.of(new CookieProperties.Key("bench-1", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))));
		byte[] envelope = CookieSealingBenchmark.accessEnvelopeJson(token.token());
		this.cookie = this.sealer.seal(envelope);
		this.unseenCookies = new String[UNSEEN_TOKENS];
		for (int i = 0; i < UNSEEN_TOKENS; i++) {
			this.unseenCookies[i] = this.sealer.seal(CookieSealingBenchmark.accessEnvelopeJson(token.another().token()));
		}
		this.json = JsonMapper.builder().build();
		KeycloakProperties properties = new KeycloakProperties(URI.create(RealisticAccessToken.ISSUER),
				RealisticAccessToken.CLIENT_ID, "unused-client-secret", false, null, null, Duration.ofSeconds(30));
		this.verifier = new AccessTokenVerifier(properties,
				RealmKeys.fixed(new ImmutableJWKSet<>(new JWKSet(token.key().toPublicJWK()))));
		this.publicKey = token.key().toRSAPublicKey();
		String compact = token.token();
		int lastDot = compact.lastIndexOf('.');
		this.signingInput = compact.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
		this.signature = Base64.getUrlDecoder().decode(compact.substring(lastDot + 1));
		this.key = new SecretKeySpec(secret, "AES");
		this.iv = new byte[12];
		this.cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, this.iv));
		this.sealedBytes = this.cipher.doFinal(envelope);
	}

	@Benchmark
	public AccessToken openCookieAndVerifyToken() {
		return check(this.cookie);
	}

	@Benchmark
	public AccessToken openCookieAndVerifyUnseenToken() {
		this.next = (this.next + 1) % UNSEEN_TOKENS;
		return check(this.unseenCookies[this.next]);
	}

	@Benchmark
	public byte[] rawAesGcmOpen() throws GeneralSecurityException {
		this.cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, this.iv));
		return this.cipher.doFinal(this.sealedBytes);
	}

	@Benchmark
	public boolean rawRs256Verify() throws GeneralSecurityException {
		Signature rsa = Signature.getInstance("SHA256withRSA");
		rsa.initVerify(this.publicKey);
		rsa.update(this.signingInput);
		return rsa.verify(this.signature);
	}

	private AccessToken check(String sealed) {
		AccessEnvelope envelope = this.json.readValue(this.sealer.open(sealed), AccessEnvelope.class);
		return this.verifier.verify(envelope.accessToken());
	}

}
