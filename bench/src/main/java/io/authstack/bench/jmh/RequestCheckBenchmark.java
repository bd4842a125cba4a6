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

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieProperties;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.AccessTokenVerifier;
import io.authstack.bff.keycloak.RealmKeys;
import io.authstack.bff.keycloak.KeycloakProperties;
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
 * read the {@link AccessEnvelope} JSON, verify Keycloak's RS256 JWT with {@link AccessTokenVerifier} (signature
 * against the JWKS, {@code iss}/{@code azp}/{@code typ}/{@code exp}). The JWKS is an {@link ImmutableJWKSet}: what
 * the BFF's cached JWKS source answers on a cache hit. The baseline is the irreducible part: one JCA
 * {@code SHA256withRSA} verification of the same token's signature. Not final: JMH subclasses benchmark classes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3">RFC 8725 §3</a>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestCheckBenchmark {

	private CookieSealer sealer;

	private AccessTokenVerifier verifier;

	private JsonMapper json;

	private String cookie;

	private RSAPublicKey publicKey;

	private byte[] signingInput;

	private byte[] signature;

	@Setup
	public void setUp() throws JOSEException {
		RealisticAccessToken token = RealisticAccessToken.create();
		byte[] secret = new byte[32];
		new java.security.SecureRandom().nextBytes(secret);
		this.sealer = new CookieSealer(
				List.of(new CookieProperties.Key("bench-1", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))));
		this.cookie = this.sealer.seal(CookieSealingBenchmark.accessEnvelopeJson(token.token()));
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
	}

	@Benchmark
	public AccessToken openCookieAndVerifyToken() {
		AccessEnvelope envelope = this.json.readValue(this.sealer.open(this.cookie), AccessEnvelope.class);
		return this.verifier.verify(envelope.accessToken());
	}

	@Benchmark
	public boolean rawRs256Verify() throws GeneralSecurityException {
		Signature rsa = Signature.getInstance("SHA256withRSA");
		rsa.initVerify(this.publicKey);
		rsa.update(this.signingInput);
		return rsa.verify(this.signature);
	}

}
