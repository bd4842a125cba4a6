package io.authstack.bff.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import io.authstack.bff.BffProperties;
import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.cookie.LoginEnvelope;
import io.authstack.bff.cookie.SessionCookies;
import io.authstack.bff.cookie.UnreadableCookieException;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.metrics.LoginMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.ratelimit.LoginRateLimiter;
import io.authstack.bff.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The redirect login: authorization code with PKCE (S256), {@code state} and {@code nonce} kept in a
 * short-lived sealed cookie of this browser, the code exchanged by the BFF as a confidential client.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1">RFC 9700 §2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636 PKCE</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207">RFC 9207 authorization server issuer identification</a>
 */
@RestController
class RedirectLoginController {

	private static final Logger logger = LoggerFactory.getLogger(RedirectLoginController.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The realm's identity providers a login may go straight to ({@code kc_idp_hint}). */
	private static final Set<String> IDENTITY_PROVIDERS = Set.of("google");

	private final BffProperties bff;

	private final KeycloakProperties keycloakProperties;

	private final KeycloakClient keycloak;

	private final SessionCookies cookies;

	private final Sessions sessions;

	private final IdTokenVerifier idTokens;

	private final LoginRateLimiter rateLimiter;

	private final LoginMeters logins;

	RedirectLoginController(BffProperties bff, KeycloakProperties keycloakProperties, KeycloakClient keycloak,
			SessionCookies cookies, Sessions sessions, IdTokenVerifier idTokens, LoginRateLimiter rateLimiter,
			LoginMeters logins) {
		this.bff = bff;
		this.keycloakProperties = keycloakProperties;
		this.keycloak = keycloak;
		this.cookies = cookies;
		this.sessions = sessions;
		this.idTokens = idTokens;
		this.rateLimiter = rateLimiter;
		this.logins = logins;
	}

	@GetMapping("/api/auth/login")
	ResponseEntity<Void> login(@RequestParam(name = "returnTo", required = false) String returnTo,
			@RequestParam(name = "provider", required = false) String provider, ClientContext client,
			HttpServletResponse response) {
		this.rateLimiter.checkAddress(client.address());
		String target = ReturnTo.parse(returnTo);
		if (provider != null && !IDENTITY_PROVIDERS.contains(provider)) {
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "Unknown identity provider.");
		}
		LoginEnvelope login = new LoginEnvelope(LoginEnvelope.VERSION, random(), random(), random(), target,
				client.binding().fingerprint());
		this.cookies.writeLogin(response, login);
		URI authorization = UriComponentsBuilder.fromUri(this.keycloak.authorizationEndpoint())
			.queryParam("response_type", "code")
			.queryParam("client_id", this.keycloakProperties.clientId())
			.queryParam("redirect_uri", redirectUri())
			.queryParam("scope", "openid")
			.queryParam("state", login.state())
			.queryParam("nonce", login.nonce())
			.queryParam("code_challenge", s256(login.codeVerifier()))
			.queryParam("code_challenge_method", "S256")
			// Keycloak goes straight to the identity provider: the SPA's fallback when a Google sign-in needs a page.
			.queryParamIfPresent("kc_idp_hint", Optional.ofNullable(provider))
			.encode()
			.build()
			.toUri();
		return ResponseEntity.status(HttpStatus.FOUND).location(authorization).build();
	}

	@GetMapping("/api/auth/callback")
	ResponseEntity<Void> callback(@RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "state", required = false) String state,
			@RequestParam(name = "iss", required = false) String issuer,
			@RequestParam(name = "error", required = false) String error, ClientContext client,
			HttpServletRequest request, HttpServletResponse response) {
		// Counted here, where the login is decided; its start only sends the browser to Keycloak.
		return this.logins.counted(LoginMeters.Method.REDIRECT,
				() -> finishLogin(code, state, issuer, error, client, request, response));
	}

	private ResponseEntity<Void> finishLogin(String code, String state, String issuer, String error,
			ClientContext client, HttpServletRequest request, HttpServletResponse response) {
		LoginEnvelope login = loginEnvelope(request);
		this.cookies.clearLogin(response);
		if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
				login.state().getBytes(StandardCharsets.UTF_8))) {
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "The login does not belong to this browser.");
		}
		if (!this.keycloakProperties.issuer().toString().equals(issuer)) {
			// RFC 9207: an answer that does not name our issuer may come from another server (mix-up attack).
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "The login answer is not from our issuer.");
		}
		if (error != null || code == null) {
			logger.info("Redirect login ended with error {}", error);
			throw new ProblemException(ProblemCode.INVALID_CREDENTIALS, "The login did not succeed.");
		}
		if (!MessageDigest.isEqual(login.fingerprint().getBytes(StandardCharsets.US_ASCII),
				client.binding().fingerprint().getBytes(StandardCharsets.US_ASCII))) {
			throw new ProblemException(ProblemCode.BINDING_MISMATCH, "The login was started on another device.");
		}
		TokenResponse tokens;
		try {
			tokens = this.keycloak.authorizationCode(code, redirectUri(), login.codeVerifier(),
					client.forwarded());
		}
		catch (GrantRejectedException ex) {
			logger.info("Keycloak refused the authorization code: {}", ex.error());
			throw new ProblemException(ProblemCode.INVALID_CREDENTIALS, "The login did not succeed; start again.");
		}
		this.idTokens.verify(tokens.idToken(), login.nonce());
		AccessToken token = this.sessions.start(response, tokens, client);
		logger.info("Redirect login of user {}", token.subject());
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(publicBase() + login.returnTo())).build();
	}

	/**
	 * Both endpoints are browser navigations (the SPA's link that starts a login, Keycloak's redirect back),
	 * where a JSON problem would be shown raw: a browser, which asks for a page, is sent back to the SPA with
	 * the problem's code ({@code /?login_error=<code>}), and the SPA says it in words. A client that asks for
	 * JSON only gets the problem detail, as from every other endpoint.
	 */
	@ExceptionHandler(produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Void> problemForTheBrowser(ProblemException ex) {
		if (ex.code().status().is5xxServerError()) {
			logger.warn("{}: {}", ex.code().code(), ex.getMessage(), ex.getCause());
		}
		UriComponentsBuilder spa = UriComponentsBuilder.fromUriString(publicBase() + "/")
			.queryParam("login_error", ex.code().code());
		Optional.ofNullable(ex.headers().getFirst(HttpHeaders.RETRY_AFTER))
			.filter((seconds) -> ex.code() == ProblemCode.RATE_LIMITED)
			.ifPresent((seconds) -> spa.queryParam("retry_after", seconds));
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(spa.build().toUri()).build();
	}

	private LoginEnvelope loginEnvelope(HttpServletRequest request) {
		try {
			return this.cookies.readLogin(request)
				.orElseThrow(() -> new ProblemException(ProblemCode.INVALID_REQUEST, "No login in progress."));
		}
		catch (UnreadableCookieException ex) {
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "No login in progress.");
		}
	}

	private URI redirectUri() {
		return URI.create(publicBase() + "/api/auth/callback");
	}

	private String publicBase() {
		return this.bff.publicUrl().toString().replaceAll("/+$", "");
	}

	/** 256 bits from a CSPRNG, base64url: a PKCE verifier of 43 characters, a state, a nonce. */
	private static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String s256(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
