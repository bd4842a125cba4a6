package io.authstack.bff.cookie;

import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEProcessor;
import com.nimbusds.jose.proc.JWEDecryptionKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.util.Assert;

/**
 * Seals and opens cookie values as compact JWE, {@code alg=dir}, {@code enc=A256GCM}, with the key id in
 * the header. The first key of the ring seals; any key opens. Opening accepts exactly that algorithm pair,
 * a key id of the ring and no {@code zip}, whatever else the header claims: the header is the attacker's.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7516">RFC 7516 JSON Web Encryption</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 §3.1 algorithm verification</a>
 */
public final class CookieSealer {

	private static final int KEY_BYTES = 32;

	private final String sealingKid;

	private final DirectEncrypter encrypter;

	private final Set<String> kids;

	private final DefaultJOSEProcessor<SecurityContext> processor = new DefaultJOSEProcessor<>();

	public CookieSealer(List<CookieProperties.Key> keys) {
		Assert.notEmpty(keys, "keys cannot be empty");
		Set<String> ids = new LinkedHashSet<>();
		JWKSet jwks = new JWKSet(keys.stream().map((key) -> {
			Assert.isTrue(ids.add(key.kid()), () -> "Duplicate cookie key id " + key.kid());
			return (com.nimbusds.jose.jwk.JWK) new OctetSequenceKey.Builder(secretKey(key)).keyID(key.kid())
				.keyUse(KeyUse.ENCRYPTION)
				.build();
		}).toList());
		this.kids = Set.copyOf(ids);
		this.sealingKid = keys.get(0).kid();
		try {
			this.encrypter = new DirectEncrypter(secretKey(keys.get(0)));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Cookie key " + this.sealingKid + " is not an AES-256 key", ex);
		}
		this.processor.setJWEKeySelector(
				new JWEDecryptionKeySelector<>(JWEAlgorithm.DIR, EncryptionMethod.A256GCM, new ImmutableJWKSet<>(jwks)));
	}

	/** The id of the key new cookies are sealed with. */
	public String sealingKid() {
		return this.sealingKid;
	}

	public String seal(byte[] plaintext) {
		JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(this.sealingKid)
			.build();
		JWEObject jwe = new JWEObject(header, new Payload(plaintext));
		try {
			// A random 96-bit IV per seal, drawn by the encrypter from a CSPRNG: never reused with one key.
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
		if (header.getKeyID() == null || !this.kids.contains(header.getKeyID())) {
			throw new UnreadableCookieException("unknown key id");
		}
		try {
			return this.processor.process(jwe, null).toBytes();
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new UnreadableCookieException("does not decrypt with our key ring", ex);
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
