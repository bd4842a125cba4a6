package io.authstack.keycloak.google;

import java.nio.charset.StandardCharsets;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.keys.PublicKeyStorageProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.IDToken;

/**
 * Verifies a Google ID token's signature: RS256 only (never {@code none}, never an algorithm the token picks),
 * with a key from Google's JWKS found by the token's {@code kid}. Keys are cached in Keycloak's public key
 * storage and refetched when an unknown {@code kid} shows up. Claims are checked afterwards by
 * {@link GoogleIdTokenChecks}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 §3.1, perform algorithm
 * verification</a>
 */
final class GoogleIdTokenVerifier {

	private final KeycloakSession session;

	private final String jwksUrl;

	GoogleIdTokenVerifier(KeycloakSession session, String jwksUrl) {
		this.session = session;
		this.jwksUrl = jwksUrl;
	}

	/** @return the token's claims, once its signature is proven to be Google's */
	IDToken verify(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			throw invalid("no token");
		}
		JWSInput jws;
		try {
			jws = new JWSInput(encoded);
		}
		catch (JWSInputException ex) {
			throw invalid("unreadable");
		}
		if (!Algorithm.RS256.equals(jws.getHeader().getRawAlgorithm())) {
			throw invalid("algorithm not RS256");
		}
		String kid = jws.getHeader().getKeyId();
		if (kid == null) {
			throw invalid("no kid");
		}
		KeyWrapper key = googleKey(kid);
		if (key == null) {
			throw invalid("unknown kid");
		}
		if (key.getAlgorithm() == null) {
			key.setAlgorithm(Algorithm.RS256);
		}
		try {
			SignatureProvider rs256 = this.session.getProvider(SignatureProvider.class, Algorithm.RS256);
			if (!rs256.verifier(key)
				.verify(jws.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII), jws.getSignature())) {
				throw invalid("bad signature");
			}
			return jws.readJsonContent(IDToken.class);
		}
		catch (GoogleSignInException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new GoogleSignInException(GoogleSignInRejection.TOKEN_INVALID, "not verifiable", ex);
		}
	}

	private KeyWrapper googleKey(String kid) {
		try {
			return this.session.getProvider(PublicKeyStorageProvider.class)
				.getPublicKey(modelKey(), kid, Algorithm.RS256, new GoogleJwksLoader(this.session, this.jwksUrl));
		}
		catch (RuntimeException ex) {
			throw new GoogleSignInException(GoogleSignInRejection.KEYS_UNAVAILABLE, "JWKS not loaded", ex);
		}
	}

	/** The cache entry of these keys in Keycloak's public key storage, one per JWKS URL. */
	private String modelKey() {
		return "authstack-google-id-token::" + this.jwksUrl;
	}

	private static GoogleSignInException invalid(String detail) {
		return new GoogleSignInException(GoogleSignInRejection.TOKEN_INVALID, detail);
	}

}
