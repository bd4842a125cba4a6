package io.authstack.bff.cookie;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sealer frames JCA's AES-GCM as standard JWE: nimbus-jose-jwt, the library the BFF used before, is the oracle
 * here. Each opens what the other seals, a changed character anywhere is refused by both, and the sealer is
 * stricter than nimbus about how a value is spelled.
 */
class CookieSealerInteropTest {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	/** An access cookie's size: a Keycloak access token in its JSON envelope. */
	private static final byte[] PLAINTEXT = "{\"v\":1,\"at\":\"%s\"}".formatted("x".repeat(1500))
		.getBytes(StandardCharsets.UTF_8);

	private static final CookieProperties.Key KEY = CookieSealerTest.key("k1");

	private static final CookieSealer SEALER = new CookieSealer(List.of(KEY));

	private static final String SEALED = SEALER.seal(PLAINTEXT);

	@Test
	void nimbusOpensWhatTheSealerSeals() throws Exception {
		JWEObject jwe = JWEObject.parse(SEALED);
		jwe.decrypt(new DirectDecrypter(secret()));

		assertThat(jwe.getPayload().toBytes()).isEqualTo(PLAINTEXT);
		assertThat(jwe.getHeader().getKeyID()).isEqualTo("k1");
	}

	@Test
	void theSealerOpensWhatNimbusSealsSoCookiesSealedBeforeTheSwitchStillOpen() throws Exception {
		JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("k1")
			.build(), new Payload(PLAINTEXT));
		jwe.encrypt(new DirectEncrypter(secret()));

		assertThat(SEALER.open(jwe.serialize())).isEqualTo(PLAINTEXT);
	}

	@ParameterizedTest(name = "character {0}")
	@MethodSource("everyCharacterOfEveryPart")
	void aChangedCharacterAnywhereIsRefusedByBoth(int index) {
		char original = SEALED.charAt(index);
		// The sextet's top bit: never one of the bits a short last character leaves unused.
		char changed = ALPHABET.charAt((ALPHABET.indexOf(original) + 32) % 64);
		String tampered = SEALED.substring(0, index) + changed + SEALED.substring(index + 1);

		assertThatThrownBy(() -> SEALER.open(tampered)).isInstanceOf(UnreadableCookieException.class);
		assertThatThrownBy(() -> {
			JWEObject jwe = JWEObject.parse(tampered);
			jwe.decrypt(new DirectDecrypter(secret()));
		}).isInstanceOfAny(Exception.class);
	}

	@Test
	void paddingThatNimbusLetsThroughIsRefused() throws Exception {
		String[] parts = SEALED.split("\\.", -1);
		parts[4] = parts[4] + "==";
		String padded = String.join(".", parts);
		JWEObject lenient = JWEObject.parse(padded);
		lenient.decrypt(new DirectDecrypter(secret()));

		assertThat(lenient.getPayload().toBytes()).isEqualTo(PLAINTEXT);
		assertThatThrownBy(() -> SEALER.open(padded)).isInstanceOf(UnreadableCookieException.class)
			.hasMessageContaining("without padding");
	}

	@Test
	void strayBitsAfterTheLastByteThatNimbusIgnoresAreRefused() throws Exception {
		String[] parts = SEALED.split("\\.", -1);
		// The 16-byte tag is 22 characters; the last one carries 4 unused bits. Set the lowest.
		char last = parts[4].charAt(21);
		parts[4] = parts[4].substring(0, 21) + ALPHABET.charAt(ALPHABET.indexOf(last) | 1);
		String stray = String.join(".", parts);
		JWEObject lenient = JWEObject.parse(stray);
		lenient.decrypt(new DirectDecrypter(secret()));

		assertThat(lenient.getPayload().toBytes()).isEqualTo(PLAINTEXT);
		assertThatThrownBy(() -> SEALER.open(stray)).isInstanceOf(UnreadableCookieException.class)
			.hasMessageContaining("stray bits");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "+", "/", " ", "%", "\n" })
	void aCharacterOutsideTheUrlAlphabetIsRefused(String character) {
		String[] parts = SEALED.split("\\.", -1);
		parts[3] = parts[3].substring(0, 10) + character + parts[3].substring(11);

		assertThatThrownBy(() -> SEALER.open(String.join(".", parts))).isInstanceOf(UnreadableCookieException.class);
	}

	@ParameterizedTest(name = "IV of {0} bytes")
	@ValueSource(ints = { 11, 13, 16 })
	void anIvOfAnotherLengthIsRefused(int bytes) {
		String[] parts = SEALED.split("\\.", -1);
		parts[2] = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[bytes]);

		assertThatThrownBy(() -> SEALER.open(String.join(".", parts))).isInstanceOf(UnreadableCookieException.class)
			.hasMessageContaining("wrong length");
	}

	@Test
	void aTruncatedTagIsRefused() {
		String[] parts = SEALED.split("\\.", -1);
		parts[4] = parts[4].substring(0, 16);

		assertThatThrownBy(() -> SEALER.open(String.join(".", parts))).isInstanceOf(UnreadableCookieException.class)
			.hasMessageContaining("wrong length");
	}

	static Stream<Integer> everyCharacterOfEveryPart() {
		return IntStream.range(0, SEALED.length()).filter((i) -> SEALED.charAt(i) != '.').boxed();
	}

	private static SecretKeySpec secret() {
		return new SecretKeySpec(Base64.getUrlDecoder().decode(KEY.secret()), "AES");
	}

}
