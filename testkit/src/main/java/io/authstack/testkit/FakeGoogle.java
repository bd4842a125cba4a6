package io.authstack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Google's OpenID Connect issuer on a free loopback port: its own RSA keys, a JWKS
 * endpoint serving their public halves, and ID tokens signed with them, good or deliberately bad.
 * Tokens claim Google's real issuer, so a server under test needs only its JWKS URL pointed here.
 * For the redirect flow it also has an authorization endpoint that answers at once for the account a
 * test chose ({@link #signInNextAs}) and a token endpoint that redeems the code for that ID token.
 *
 * @see <a href="https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken">Google:
 * validating an ID token</a>
 */
public final class FakeGoogle implements AutoCloseable {

	/** The {@code iss} Google puts in its ID tokens (it also uses {@code accounts.google.com}). */
	public static final String ISSUER = "https://accounts.google.com";

	private static final String JWKS_PATH = "/oauth2/v3/certs";

	private static final String AUTHORIZATION_PATH = "/o/oauth2/v2/auth";

	private static final String TOKEN_PATH = "/token";

	private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	private final HttpServer server;

	private final String clientId;

	/** Published keys, newest last; the newest signs. */
	private final List<RSAKey> keys = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private volatile boolean jwksDown;

	/** Who the next browser sign-in asserts, as if the user had picked that account at Google. */
	private final AtomicReference<IdToken> nextSignIn = new AtomicReference<>();

	/** Authorization codes handed out and not yet redeemed, with the ID token each stands for. */
	private final Map<String, IdToken> codes = new ConcurrentHashMap<>();

	private FakeGoogle(HttpServer server, String clientId) {
		this.server = server;
		this.clientId = clientId;
		this.keys.add(newKey());
	}

	/**
	 * Starts the fake issuer on a free loopback port.
	 * @param clientId the OAuth client id its tokens are issued to (their default {@code aud})
	 */
	public static FakeGoogle start(String clientId) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeGoogle google = new FakeGoogle(server, clientId);
			server.createContext(JWKS_PATH, google::serveJwks);
			server.createContext(AUTHORIZATION_PATH, google::authorize);
			server.createContext(TOKEN_PATH, google::redeemCode);
			server.start();
			return google;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the fake Google issuer", ex);
		}
	}

	/** Where the public keys are served, as Google serves them at {@code /oauth2/v3/certs}. */
	public String jwksUrl() {
		return baseUrl() + JWKS_PATH;
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The authorization endpoint, for an OpenID Connect client doing the redirect flow against this fake. */
	public String authorizationUrl() {
		return baseUrl() + AUTHORIZATION_PATH;
	}

	/** The token endpoint, where the redirect flow's code is redeemed for the ID token. */
	public String tokenUrl() {
		return baseUrl() + TOKEN_PATH;
	}

	/**
	 * Makes the next authorization request answer at once, for this account, as Google does for a user already
	 * signed in who picks it; the ID token is signed when the code is redeemed, with the client's nonce.
	 */
	public void signInNextAs(IdToken account) {
		this.nextSignIn.set(account);
	}

	public String clientId() {
		return this.clientId;
	}

	/** How many times the JWKS was fetched since start. */
	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	/** Makes the JWKS endpoint fail (a 503 with no JSON), as during an outage, or work again. */
	public void jwksDown(boolean down) {
		this.jwksDown = down;
	}

	/** Publishes a new key and signs with it from now on, as Google does when it rotates. */
	public void rotateKey() {
		this.keys.add(newKey());
	}

	/** A key pair this issuer never published: tokens signed with it must be refused. */
	public static RSAKey unpublishedKey() {
		return newKey();
	}

	/**
	 * An ID token for a Google account, valid by default (issuer, audience, one hour of life, verified email, a
	 * fresh {@code jti}, a random {@code nonce}, signed with the current key); change what the test is about
	 * before {@link IdToken#sign()}. Each call is a new token: {@code sign()} twice on one builder is the same
	 * {@code jti} twice, as a replay is.
	 */
	public IdToken idToken(String subject, String email) {
		return new IdToken(subject, email);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void serveJwks(HttpExchange exchange) throws IOException {
		this.jwksRequests.incrementAndGet();
		if (this.jwksDown) {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
			return;
		}
		List<JWK> published = new ArrayList<>();
		for (RSAKey key : this.keys) {
			published.add(key.toPublicJWK());
		}
		byte[] body = new JWKSet(published).toString(true).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> request = formOrQuery(exchange.getRequestURI().getRawQuery());
		IdToken account = this.nextSignIn.getAndSet(null);
		if (account == null) {
			send(exchange, 400, "{\"error\":\"no account chosen, see FakeGoogle.signInNextAs\"}");
			return;
		}
		String code = UUID.randomUUID().toString();
		this.codes.put(code, account.nonce(request.get("nonce")));
		String redirect = request.get("redirect_uri") + "?code=" + code + "&state="
				+ URLEncoder.encode(request.getOrDefault("state", ""), StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Location", redirect);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private void redeemCode(HttpExchange exchange) throws IOException {
		Map<String, String> request;
		try (InputStream in = exchange.getRequestBody()) {
			request = formOrQuery(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		IdToken account = this.codes.remove(request.getOrDefault("code", ""));
		if (account == null) {
			send(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		send(exchange, 200, "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
				+ "\"expires_in\":3599,\"scope\":\"openid email profile\",\"id_token\":\"" + account.sign() + "\"}");
	}

	private static Map<String, String> formOrQuery(String encoded) {
		Map<String, String> values = new HashMap<>();
		if (encoded != null && !encoded.isEmpty()) {
			for (String pair : encoded.split("&")) {
				int eq = pair.indexOf('=');
				String name = (eq < 0) ? pair : pair.substring(0, eq);
				String value = (eq < 0) ? "" : pair.substring(eq + 1);
				values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private RSAKey currentKey() {
		return this.keys.get(this.keys.size() - 1);
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA key", ex);
		}
	}

	/** An ID token being built; every setter returns this builder. */
	public final class IdToken {

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private RSAKey signingKey = currentKey();

		private String keyId;

		private IdToken(String subject, String email) {
			Instant now = Instant.now();
			this.claims.put("iss", ISSUER);
			this.claims.put("azp", FakeGoogle.this.clientId);
			this.claims.put("aud", FakeGoogle.this.clientId);
			this.claims.put("sub", subject);
			this.claims.put("email", email);
			this.claims.put("email_verified", true);
			this.claims.put("iat", Date.from(now));
			this.claims.put("exp", Date.from(now.plus(TOKEN_LIFETIME)));
			// Google gives every ID token its own id, and the nonce of the request it answers (GIS's initialize).
			this.claims.put("jti", UUID.randomUUID().toString());
			this.claims.put("nonce", UUID.randomUUID().toString());
		}

		public IdToken issuer(String issuer) {
			return claim("iss", issuer);
		}

		public IdToken audience(String audience) {
			return claim("aud", audience);
		}

		public IdToken emailVerified(boolean verified) {
			return claim("email_verified", verified);
		}

		/** The Google Workspace domain of the account ({@code hd}); consumer accounts have none. */
		public IdToken hostedDomain(String domain) {
			return claim("hd", domain);
		}

		/** The nonce the client put into Google's request; {@code null} for a token without one. */
		public IdToken nonce(String nonce) {
			return claim("nonce", nonce);
		}

		/** The token's id; {@code null} for a token without one. */
		public IdToken jti(String jti) {
			return claim("jti", jti);
		}

		public IdToken name(String givenName, String familyName) {
			claim("given_name", givenName);
			return claim("family_name", familyName);
		}

		public IdToken issuedAt(Instant issuedAt) {
			return claim("iat", Date.from(issuedAt));
		}

		public IdToken expiresAt(Instant expiresAt) {
			return claim("exp", Date.from(expiresAt));
		}

		/** Any claim; {@code null} removes it. */
		public IdToken claim(String name, Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/** Signs with this key instead of the published one (its own {@code kid} unless {@link #keyId}). */
		public IdToken signedWith(RSAKey key) {
			this.signingKey = key;
			return this;
		}

		/** The {@code kid} header to send, whatever key signs. */
		public IdToken keyId(String keyId) {
			this.keyId = keyId;
			return this;
		}

		/** The compact RS256 JWS. */
		public String sign() {
			String kid = (this.keyId != null) ? this.keyId : this.signingKey.getKeyID();
			JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build();
			SignedJWT jwt = new SignedJWT(header, claimsSet());
			try {
				jwt.sign(new RSASSASigner(this.signingKey));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Cannot sign the ID token", ex);
			}
			return jwt.serialize();
		}

		/** The same claims with {@code alg=none} and no signature, as an attacker would send them. */
		public String unsigned() {
			return new PlainJWT(claimsSet()).serialize();
		}

		private JWTClaimsSet claimsSet() {
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
			this.claims.forEach(builder::claim);
			return builder.build();
		}

	}

}
