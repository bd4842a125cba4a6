package io.authstack.bff.it;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.authstack.bff.cookie.CookieProperties;
import io.authstack.bff.cookie.CookieSealer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever is done to a cookie, the BFF answers 401 (never 500) and the real session is untouched. */
class TamperedCookieIT extends BffIntegrationTest {

	@Autowired
	private CookieSealer sealer;

	@Test
	void tamperedAccessCookieIsA401NeverA500() throws Exception {
		Browser browser = loggedIn(newUser());
		String genuine = browser.cookie(ACCESS_COOKIE).orElseThrow();

		for (String forged : forgeries(genuine)) {
			Browser attacker = browser.copy();
			attacker.setCookie(ACCESS_COOKIE, forged, "/");

			Browser.Response session = attacker.session();

			assertThat(session.status()).as(forged).isEqualTo(401);
			assertThat(session.code()).isEqualTo("session_expired");
		}
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void tamperedRefreshCookieIsA401NeverA500() throws Exception {
		Browser browser = loggedIn(newUser());
		String genuine = browser.cookie(REFRESH_COOKIE).orElseThrow();

		for (String forged : forgeries(genuine)) {
			Browser attacker = browser.frozen();
			attacker.setCookie(REFRESH_COOKIE, forged, "/api/auth");

			Browser.Response refresh = attacker.refresh();

			assertThat(refresh.status()).as(forged).isEqualTo(401);
			assertThat(refresh.code()).isEqualTo("session_expired");
		}
		assertThat(browser.refresh().status()).isEqualTo(200);
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void logoutWithATamperedCookieStillClearsTheCookies() {
		Browser browser = loggedIn(newUser());
		browser.setCookie(REFRESH_COOKIE, "not.a.jwe.at.all", "/api/auth");

		Browser.Response logout = browser.logout();

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.setCookie(REFRESH_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
	}

	/**
	 * Bit flips in every JWE part, a smuggled encrypted key, the plaintext resealed with another key ring
	 * (same kid, and unknown kid), with {@code zip}, with a key-wrap algorithm, and plain garbage.
	 */
	private List<String> forgeries(String genuine) throws Exception {
		List<String> forged = new ArrayList<>();
		String[] parts = genuine.split("\\.", -1);
		for (int part : new int[] { 0, 2, 3, 4 }) {
			byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
			bytes[bytes.length / 2] ^= 0x01;
			String[] tampered = parts.clone();
			tampered[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			forged.add(String.join(".", tampered));
		}
		String[] withKey = parts.clone();
		withKey[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40]);
		forged.add(String.join(".", withKey));

		byte[] plaintext = this.sealer.open(genuine);
		forged.add(sealer(randomKey(CURRENT_KEY.kid())).seal(plaintext));
		forged.add(sealer(randomKey("unknown-kid")).seal(plaintext));

		SecretKeySpec current = new SecretKeySpec(Base64.getUrlDecoder().decode(CURRENT_KEY.secret()), "AES");
		JWEObject zipped = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
			.keyID(CURRENT_KEY.kid())
			.compressionAlgorithm(CompressionAlgorithm.DEF)
			.build(), new Payload(plaintext));
		zipped.encrypt(new DirectEncrypter(current));
		forged.add(zipped.serialize());
		JWEObject keyWrapped = new JWEObject(
				new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM).keyID(CURRENT_KEY.kid()).build(),
				new Payload(plaintext));
		keyWrapped.encrypt(new AESEncrypter(current));
		forged.add(keyWrapped.serialize());

		forged.add("garbage");
		forged.add(genuine.substring(0, genuine.length() / 2));
		return forged;
	}

	private static CookieProperties.Key randomKey(String kid) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return new CookieProperties.Key(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
	}


}
