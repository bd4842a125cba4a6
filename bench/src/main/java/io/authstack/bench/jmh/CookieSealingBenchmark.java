package io.authstack.bench.jmh;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieProperties;
import io.authstack.bff.cookie.CookieSealer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sealing then opening an access cookie with the BFF's {@link CookieSealer} (compact JWE, {@code dir} +
 * {@code A256GCM}) against the floor: raw JCA AES-256-GCM over the same plaintext bytes with reused {@link Cipher}s,
 * as the sealer reuses its own, a fresh random 96-bit IV each time, no header, no base64. The plaintext is the JSON {@link AccessEnvelope} the BFF
 * seals, around a {@link RealisticAccessToken}. Not final: JMH subclasses benchmark classes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7516">RFC 7516 JSON Web Encryption</a>
 * @see <a href="https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf">NIST SP 800-38D GCM</a>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CookieSealingBenchmark {

	private static final int TAG_BITS = 128;

	private static final int IV_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private CookieSealer sealer;

	private SecretKey key;

	private byte[] plaintext;

	private final Cipher encrypt = aesGcm();

	private final Cipher decrypt = aesGcm();

	@Setup
	public void setUp() {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		this.key = new SecretKeySpec(secret, "AES");
		this.sealer = new CookieSealer(
				List.of(new CookieProperties.Key("bench-1", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))));
		this.plaintext = accessEnvelopeJson(RealisticAccessToken.create().token());
	}

	/** The bytes sealed: the envelope of an access cookie around a realistic token. */
	static byte[] accessEnvelopeJson(String accessToken) {
		return JsonMapper.builder().build().writeValueAsBytes(new AccessEnvelope(AccessEnvelope.VERSION, accessToken,
				"q2t7m1uQ0eZ7r8y3mJ1a5M4h8c0pQ2s9vV6xK3nB1dE", "Zk3m9Qp1sT7uV2wX5yA8bC4dE6fG0hJ1kL3mN5oP7qR"));
	}

	@Benchmark
	public byte[] cookieSealerSealAndOpen() {
		return this.sealer.open(this.sealer.seal(this.plaintext));
	}

	@Benchmark
	public byte[] rawAesGcmSealAndOpen() throws GeneralSecurityException {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		this.encrypt.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
		byte[] sealed = this.encrypt.doFinal(this.plaintext);
		this.decrypt.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
		return this.decrypt.doFinal(sealed);
	}

	/** A JCA AES-GCM cipher, for the baselines. */
	static Cipher aesGcm() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How many bytes each operation seals, for the report. */
	public static int plaintextBytes() {
		return accessEnvelopeJson(RealisticAccessToken.create().token()).length;
	}

}
