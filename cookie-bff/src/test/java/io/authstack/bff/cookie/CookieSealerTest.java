package io.authstack.bff.cookie;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CookieSealerTest {

	private static final byte[] PLAINTEXT = "{\"v\":1,\"at\":\"token\"}".getBytes(StandardCharsets.UTF_8);

	private final CookieProperties.Key k1 = key("k1");

	private final CookieProperties.Key k2 = key("k2");

	private final CookieSealer sealer = new CookieSealer(List.of(this.k1));

	@Test
	void sealedValueOpensToThePlaintext() {
		assertThat(this.sealer.open(this.sealer.seal(PLAINTEXT))).isEqualTo(PLAINTEXT);
	}

	@Test
	void sealedValueIsCompactJweWithDirA256GcmKidAndNoZip() throws Exception {
		JWEHeader header = JWEObject.parse(this.sealer.seal(PLAINTEXT)).getHeader();

		assertThat(header.getAlgorithm()).isEqualTo(JWEAlgorithm.DIR);
		assertThat(header.getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
		assertThat(header.getKeyID()).isEqualTo("k1");
		assertThat(header.getCompressionAlgorithm()).isNull();
	}

	@Test
	void sealingTwiceNeverRepeatsTheCiphertext() {
		assertThat(this.sealer.seal(PLAINTEXT)).isNotEqualTo(this.sealer.seal(PLAINTEXT));
	}

	@Test
	void afterKeyRotationTheNewKeySealsAndTheOldKeyStillOpens() throws Exception {
		String sealedBeforeRotation = this.sealer.seal(PLAINTEXT);
		CookieSealer rotated = new CookieSealer(List.of(this.k2, this.k1));

		assertThat(rotated.open(sealedBeforeRotation)).isEqualTo(PLAINTEXT);
		assertThat(JWEObject.parse(rotated.seal(PLAINTEXT)).getHeader().getKeyID()).isEqualTo("k2");
		assertThat(rotated.sealingKid()).isEqualTo("k2");
	}

	@ParameterizedTest(name = "bit flipped in JWE part {0}")
	@ValueSource(ints = { 0, 2, 3, 4 })
	void openWhenAnyPartIsTamperedWithThenRejected(int part) {
		String[] parts = this.sealer.seal(PLAINTEXT).split("\\.", -1);
		byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
		for (int bit = 0; bit < Math.min(bytes.length * 8, 64); bit += 7) {
			byte[] flipped = bytes.clone();
			flipped[bit / 8] ^= (byte) (1 << (bit % 8));
			String[] tampered = parts.clone();
			tampered[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);

			assertThatThrownBy(() -> this.sealer.open(String.join(".", tampered)))
				.isInstanceOf(UnreadableCookieException.class);
		}
	}

	@Test
	void openWhenAnEncryptedKeyIsSmuggledInThenRejected() {
		String[] parts = this.sealer.seal(PLAINTEXT).split("\\.", -1);
		assertThat(parts[1]).isEmpty();
		parts[1] = Base64URL.encode(new byte[32]).toString();

		assertThatThrownBy(() -> this.sealer.open(String.join(".", parts))).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenHeaderNamesAnotherKnownKidThenRejected() throws Exception {
		CookieSealer ring = new CookieSealer(List.of(this.k1, this.k2));
		String[] parts = ring.seal(PLAINTEXT).split("\\.", -1);
		parts[0] = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("k2")
			.build()
			.toBase64URL()
			.toString();

		assertThatThrownBy(() -> ring.open(String.join(".", parts))).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenAlgorithmIsKeyWrapInsteadOfDirThenRejected() throws Exception {
		JWEObject jwe = new JWEObject(
				new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM).keyID("k1").build(),
				new Payload(PLAINTEXT));
		jwe.encrypt(new AESEncrypter(secret(this.k1)));

		assertThatThrownBy(() -> this.sealer.open(jwe.serialize())).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenContentEncryptionIsNotA256GcmThenRejected() throws Exception {
		byte[] key128 = new byte[16];
		new SecureRandom().nextBytes(key128);
		CookieSealer ring = new CookieSealer(List.of(this.k1));
		JWEObject jwe = new JWEObject(
				new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM).keyID("k1").build(),
				new Payload(PLAINTEXT));
		jwe.encrypt(new DirectEncrypter(new SecretKeySpec(key128, "AES")));

		assertThatThrownBy(() -> ring.open(jwe.serialize())).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenZipHeaderIsPresentThenRejected() throws Exception {
		JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("k1")
			.compressionAlgorithm(CompressionAlgorithm.DEF)
			.build(), new Payload(PLAINTEXT));
		jwe.encrypt(new DirectEncrypter(secret(this.k1)));

		assertThatThrownBy(() -> this.sealer.open(jwe.serialize())).isInstanceOf(UnreadableCookieException.class)
			.hasMessageContaining("not the dir+A256GCM header of ours");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "typ", "cty", "custom" })
	void openWhenHeaderCarriesAParameterSealNeverWritesThenRejected(String parameter) throws Exception {
		JWEHeader.Builder header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("k1");
		switch (parameter) {
			case "typ" -> header.type(JOSEObjectType.JOSE);
			case "cty" -> header.contentType("JWT");
			default -> header.customParam(parameter, "x");
		}
		JWEObject jwe = new JWEObject(header.build(), new Payload(PLAINTEXT));
		jwe.encrypt(new DirectEncrypter(secret(this.k1)));

		assertThatThrownBy(() -> this.sealer.open(jwe.serialize())).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenKidIsUnknownThenRejected() {
		String sealedElsewhere = new CookieSealer(List.of(key("other"))).seal(PLAINTEXT);

		assertThatThrownBy(() -> this.sealer.open(sealedElsewhere)).isInstanceOf(UnreadableCookieException.class)
			.hasMessageContaining("unknown key id");
	}

	@Test
	void openWhenKidIsMissingThenRejected() throws Exception {
		JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(PLAINTEXT));
		jwe.encrypt(new DirectEncrypter(secret(this.k1)));

		assertThatThrownBy(() -> this.sealer.open(jwe.serialize())).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenSealedByAnotherKeyRingWithTheSameKidThenRejected() {
		String sealedElsewhere = new CookieSealer(List.of(key("k1"))).seal(PLAINTEXT);

		assertThatThrownBy(() -> this.sealer.open(sealedElsewhere)).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void openWhenValueIsASignedJwsInsteadOfJweThenRejected() throws Exception {
		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
				new Payload(PLAINTEXT));
		jws.sign(new MACSigner(secret(this.k1).getEncoded()));

		assertThatThrownBy(() -> this.sealer.open(jws.serialize())).isInstanceOf(UnreadableCookieException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "a.b.c.d.e", "....", "eyJhbGciOiJub25lIn0.e30." })
	void openWhenValueIsNotAJweThenRejected(String value) {
		assertThatThrownBy(() -> this.sealer.open(value)).isInstanceOf(UnreadableCookieException.class);
	}

	@Test
	void keyRingRefusesAKidThatJsonWouldHaveToEscape() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookieSealer(List.of(new CookieProperties.Key("k\"1", key("x").secret()))))
			.withMessageContaining("must match");
	}

	@Test
	void keyRingRefusesAKeyThatIsNot256Bits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookieSealer(List.of(new CookieProperties.Key("short", "c2hvcnQ"))))
			.withMessageContaining("256 bits");
	}

	@Test
	void keyRingRefusesDuplicateKids() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CookieSealer(List.of(this.k1, key("k1"))))
			.withMessageContaining("Duplicate");
	}

	@Test
	void keyNeverPrintsItsSecret() {
		assertThat(this.k1.toString()).doesNotContain(this.k1.secret());
	}

	static CookieProperties.Key key(String kid) {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new CookieProperties.Key(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	private static SecretKeySpec secret(CookieProperties.Key key) {
		return new SecretKeySpec(Base64.getUrlDecoder().decode(key.secret()), "AES");
	}

}
