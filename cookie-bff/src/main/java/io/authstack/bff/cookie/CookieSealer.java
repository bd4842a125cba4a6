package io.authstack.bff.cookie;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Seals and opens cookie values as compact JWE, {@code alg=dir}, {@code enc=A256GCM}, with the key id in
 * the header. The first key of the ring seals; any key opens.
 * <p>
 * JCA's {@code AES/GCM/NoPadding} does the AEAD; this class only frames it as RFC 7516 says (the AAD is the
 * ASCII of the encoded header, the encrypted key is empty, a random 96-bit IV, a 128-bit tag), so any JOSE
 * library opens what it seals and the other way round (nimbus-jose-jwt checks both in the tests). Why not
 * nimbus here: its constant-time base64url codec was most of the cost of every request, and its lenient
 * decoder accepts padding and stray bits. Opening accepts only the header, byte for byte, that this ring
 * writes for one of its key ids: the header is the attacker's, so nothing in it is parsed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7516">RFC 7516 JSON Web Encryption</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-5.3">RFC 7518 §5.3 AES GCM</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 §3.1 algorithm verification</a>
 */
public final class CookieSealer {

	private static final int KEY_BYTES = 32;

	/** Key ids go into every cookie's JSON header unescaped, so they keep to characters JSON never escapes. */
	private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	/** A {@link Cipher} is not thread-safe and costly to look up: one per thread, initialised per call. */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(CookieSealer::newCipher);

	/** One CSPRNG for the IVs: random 96-bit IVs are never reused with one key in any realistic lifetime. */
	private final SecureRandom random = new SecureRandom();

	private final String sealingKid;

	private final String sealingHeader;

	/** Each key by the one header part it may arrive under. */
	private final Map<String, SecretKey> keysByHeader;

	public CookieSealer(List<CookieProperties.Key> keys) {
		Assert.notEmpty(keys, "keys cannot be empty");
		Map<String, SecretKey> keysByHeader = new HashMap<>();
		for (CookieProperties.Key key : keys) {
			Assert.isTrue(KID.matcher(key.kid()).matches(),
					() -> "Cookie key id " + key.kid() + " must match " + KID.pattern());
			String header = header(key.kid());
			Assert.isTrue(!keysByHeader.containsKey(header), () -> "Duplicate cookie key id " + key.kid());
			keysByHeader.put(header, secretKey(key));
		}
		this.keysByHeader = Map.copyOf(keysByHeader);
		this.sealingKid = keys.get(0).kid();
		this.sealingHeader = header(this.sealingKid);
	}

	/** The id of the key new cookies are sealed with. */
	public String sealingKid() {
		return this.sealingKid;
	}

	public String seal(byte[] plaintext) {
		byte[] iv = new byte[CompactJwe.IV_BYTES];
		this.random.nextBytes(iv);
		Cipher cipher = CIPHERS.get();
		try {
			cipher.init(Cipher.ENCRYPT_MODE, this.keysByHeader.get(this.sealingHeader), gcm(iv));
			cipher.updateAAD(this.sealingHeader.getBytes(StandardCharsets.US_ASCII));
			return CompactJwe.serialize(this.sealingHeader, iv, cipher.doFinal(plaintext));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal a cookie", ex);
		}
	}

	/**
	 * @throws UnreadableCookieException when the value is not a JWE sealed by a key of our ring with exactly
	 * the header this ring writes
	 */
	public byte[] open(String sealed) {
		CompactJwe jwe = CompactJwe.parse(sealed);
		SecretKey key = this.keysByHeader.get(jwe.header());
		if (key == null) {
			throw new UnreadableCookieException("unknown key id, or not the dir+A256GCM header of ours");
		}
		Cipher cipher = CIPHERS.get();
		try {
			cipher.init(Cipher.DECRYPT_MODE, key, gcm(jwe.iv()));
			cipher.updateAAD(jwe.additionalData());
			return cipher.doFinal(jwe.ciphertextAndTag());
		}
		catch (AEADBadTagException ex) {
			throw new UnreadableCookieException("does not decrypt with our key ring", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot open a cookie", ex);
		}
	}

	/**
	 * The header part for {@code kid}, spelled as nimbus-jose-jwt spelled it when it sealed the cookies before
	 * this class, so that those cookies still open.
	 */
	private static String header(String kid) {
		String json = "{\"kid\":\"" + kid + "\",\"enc\":\"A256GCM\",\"alg\":\"dir\"}";
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.US_ASCII));
	}

	private static GCMParameterSpec gcm(byte[] iv) {
		return new GCMParameterSpec(CompactJwe.TAG_BYTES * 8, iv);
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK lacks " + TRANSFORMATION, ex);
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
