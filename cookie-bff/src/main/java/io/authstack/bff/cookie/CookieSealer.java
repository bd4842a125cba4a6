package io.authstack.bff.cookie;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import org.springframework.util.Assert;

/**
 * Seals and opens cookie values as compact JWE, {@code alg=dir}, {@code enc=A256GCM}, with the key id in
 * the header. The first key of the ring seals; any key opens. Opening accepts exactly the header this class
 * writes: that algorithm pair, a key id of the ring, and no other parameter (no {@code zip}, {@code crit},
 * {@code typ}, {@code cty}...), whatever else the header claims: the header is the attacker's.
 * <p>
 * Per-call work is kept to the JWE itself: one shared {@link SecureRandom} for the IVs (nimbus would otherwise
 * create one per seal), the sealing header serialised once, one {@link DirectDecrypter} per key id.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7516">RFC 7516 JSON Web Encryption</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 §3.1 algorithm verification</a>
 */
public final class CookieSealer {

	private static final int KEY_BYTES = 32;

	/** The parameters of the header {@link #seal} writes, and the only ones {@link #open} accepts. */
	private static final Set<String> HEADER_PARAMS = Set.of("alg", "enc", "kid");

	private final String sealingKid;

	/** Built by parsing its own serialisation, so that nimbus reuses that base64url for the AAD and the output. */
	private final JWEHeader sealingHeader;

	private final DirectEncrypter encrypter;

	private final Map<String, DirectDecrypter> decrypters;

	public CookieSealer(List<CookieProperties.Key> keys) {
		Assert.notEmpty(keys, "keys cannot be empty");
		Map<String, DirectDecrypter> decrypters = new HashMap<>();
		for (CookieProperties.Key key : keys) {
			Assert.isTrue(!decrypters.containsKey(key.kid()), () -> "Duplicate cookie key id " + key.kid());
			decrypters.put(key.kid(), decrypter(key));
		}
		this.decrypters = Map.copyOf(decrypters);
		this.sealingKid = keys.get(0).kid();
		this.sealingHeader = sealingHeader(this.sealingKid);
		try {
			this.encrypter = new DirectEncrypter(secretKey(keys.get(0)));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Cookie key " + this.sealingKid + " is not an AES-256 key", ex);
		}
		// A random 96-bit IV per seal from this CSPRNG: never reused with one key.
		this.encrypter.getJCAContext().setSecureRandom(new SecureRandom());
	}

	/** The id of the key new cookies are sealed with. */
	public String sealingKid() {
		return this.sealingKid;
	}

	public String seal(byte[] plaintext) {
		JWEObject jwe = new JWEObject(this.sealingHeader, new Payload(plaintext));
		try {
			jwe.encrypt(this.encrypter);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot seal a cookie", ex);
		}
		return jwe.serialize();
	}

	/**
	 * @throws UnreadableCookieException when the value is not a JWE sealed by a key of our ring with exactly
	 * {@code dir}+{@code A256GCM}
	 */
	public byte[] open(String sealed) {
		JWEObject jwe;
		try {
			jwe = JWEObject.parse(sealed);
		}
		catch (ParseException ex) {
			throw new UnreadableCookieException("not a compact JWE", ex);
		}
		JWEHeader header = jwe.getHeader();
		if (header.getCompressionAlgorithm() != null) {
			// Compression before encryption leaks the plaintext's length (CRIME) and invites zip bombs.
			throw new UnreadableCookieException("zip header");
		}
		DirectDecrypter decrypter = (header.getKeyID() != null) ? this.decrypters.get(header.getKeyID()) : null;
		if (decrypter == null) {
			throw new UnreadableCookieException("unknown key id");
		}
		if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
				|| !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
				|| !HEADER_PARAMS.equals(header.getIncludedParams())) {
			throw new UnreadableCookieException("not a dir+A256GCM header of ours");
		}
		try {
			// The decrypter refuses an encrypted key (dir has none) and a missing IV or tag; GCM checks the tag
			// over the header as sent.
			jwe.decrypt(decrypter);
		}
		catch (JOSEException ex) {
			throw new UnreadableCookieException("does not decrypt with our key ring", ex);
		}
		return jwe.getPayload().toBytes();
	}

	private static JWEHeader sealingHeader(String kid) {
		try {
			return JWEHeader
				.parse(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(kid).build().toBase64URL());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Cannot parse the header just written", ex);
		}
	}

	private static DirectDecrypter decrypter(CookieProperties.Key key) {
		try {
			return new DirectDecrypter(secretKey(key));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Cookie key " + key.kid() + " is not an AES-256 key", ex);
		}
	}

	private static SecretKey secretKey(CookieProperties.Key key) {
		byte[] bytes = decode(key);
		Assert.isTrue(bytes.length == KEY_BYTES,
				() -> "Cookie key " + key.kid() + " must hold 256 bits, it holds " + bytes.length * 8);
		return new SecretKeySpec(bytes, "AES");
	}

	private static byte[] decode(CookieProperties.Key key) {
		String secret = key.secret().trim();
		try {
			return (secret.contains("+") || secret.contains("/")) ? Base64.getDecoder().decode(secret)
					: Base64.getUrlDecoder().decode(secret.replace("=", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Cookie key " + key.kid() + " is not base64", ex);
		}
	}

}
