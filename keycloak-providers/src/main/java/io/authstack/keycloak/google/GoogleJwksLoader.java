package io.authstack.keycloak.google;

import org.keycloak.crypto.PublicKeysWrapper;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.keys.PublicKeyLoader;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.JWKSHttpUtils;
import org.keycloak.util.JWKSUtils;

/**
 * Fetches Google's signing keys from its JWKS endpoint with Keycloak's HTTP client. Keycloak's public key
 * storage calls it: on first use, and again when a token names a {@code kid} it has not seen (Google rotates
 * its keys), no more often than the storage's minimum interval.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5, JWK Set</a>
 */
final class GoogleJwksLoader implements PublicKeyLoader {

	private final KeycloakSession session;

	private final String jwksUrl;

	GoogleJwksLoader(KeycloakSession session, String jwksUrl) {
		this.session = session;
		this.jwksUrl = jwksUrl;
	}

	@Override
	public PublicKeysWrapper loadKeys() throws Exception {
		JSONWebKeySet jwks = JWKSHttpUtils.sendJwksRequest(this.session, this.jwksUrl);
		return JWKSUtils.getKeyWrappersForUse(jwks, JWK.Use.SIG, true);
	}

}
