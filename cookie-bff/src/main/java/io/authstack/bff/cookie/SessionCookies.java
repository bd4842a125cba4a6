package io.authstack.bff.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the two session cookies: {@code HttpOnly}, {@code Secure}, {@code SameSite=Strict}, no
 * {@code Domain}, a {@code Max-Age} equal to the wrapped token's remaining life.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps#section-6.1">OAuth
 * 2.0 for Browser-Based Applications, BFF</a>
 */
@Component
public final class SessionCookies {

	/** What every browser keeps of one cookie, name and value. */
	static final int MAX_COOKIE_BYTES = 4096;

	private final CookieProperties properties;

	private final CookieSealer sealer;

	private final JsonMapper json;

	public SessionCookies(CookieProperties properties, CookieSealer sealer, JsonMapper json) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(sealer, "sealer cannot be null");
		Assert.notNull(json, "json cannot be null");
		this.properties = properties;
		this.sealer = sealer;
		this.json = json;
	}

	/** @throws UnreadableCookieException when the cookie is present but not ours */
	public Optional<AccessEnvelope> readAccess(HttpServletRequest request) {
		return value(request, this.properties.accessName()).map((v) -> open(v, AccessEnvelope.class));
	}

	/** @throws UnreadableCookieException when the cookie is present but not ours */
	public Optional<RefreshEnvelope> readRefresh(HttpServletRequest request) {
		return value(request, this.properties.refreshName()).map((v) -> open(v, RefreshEnvelope.class));
	}

	/** Whether the browser sent either session cookie, readable or not. */
	public boolean holdsSession(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		for (Cookie cookie : cookies) {
			if (this.properties.accessName().equals(cookie.getName()) || this.properties.refreshName().equals(cookie.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Seals both session cookies, or neither: a browser silently drops a cookie over 4096 bytes (name and value,
	 * RFC 6265bis §5.7), so a session that would not fit is refused with a problem instead of a login that does
	 * not stick.
	 *
	 * @throws ProblemException {@code session_too_large}
	 */
	public SealedSession seal(AccessEnvelope access, Instant accessExpiresAt, RefreshEnvelope refresh,
			Instant refreshExpiresAt) {
		return new SealedSession(fitting(this.properties.accessName(), seal(access)), accessExpiresAt.getEpochSecond(),
				fitting(this.properties.refreshName(), seal(refresh)), refreshExpiresAt.getEpochSecond());
	}

	/** Writes both session cookies, each with a {@code Max-Age} of what is left of its token's life. */
	public void write(HttpServletResponse response, SealedSession session) {
		Instant now = Instant.now();
		add(response, this.properties.accessName(), session.access(), "/",
				Duration.between(now, session.accessExpiry()));
		add(response, this.properties.refreshName(), session.refresh(), this.properties.refreshPath(),
				Duration.between(now, session.refreshExpiry()));
	}

	private static String fitting(String name, String value) {
		if (name.length() + value.length() > MAX_COOKIE_BYTES) {
			throw new ProblemException(ProblemCode.SESSION_TOO_LARGE,
					"Your account's details are too long to keep in a session; shorten your name and log in again.");
		}
		return value;
	}

	/** @throws UnreadableCookieException when the cookie is present but not ours */
	public Optional<LoginEnvelope> readLogin(HttpServletRequest request) {
		return value(request, this.properties.loginName()).map((v) -> open(v, LoginEnvelope.class));
	}

	/**
	 * The redirect login's cookie is {@code SameSite=Lax}: it must come back on the top-level navigation from
	 * Keycloak to the callback, which a {@code Strict} cookie would not when Keycloak is on another site.
	 */
	public void writeLogin(HttpServletResponse response, LoginEnvelope envelope) {
		add(response, this.properties.loginName(), seal(envelope), "/", this.properties.loginMaxAge(), "Lax");
	}

	public void clearLogin(HttpServletResponse response) {
		add(response, this.properties.loginName(), "", "/", Duration.ZERO, "Lax");
	}

	/** @throws UnreadableCookieException when the cookie is present but not ours */
	public Optional<GoogleNonceEnvelope> readGoogleNonce(HttpServletRequest request) {
		return value(request, this.properties.googleNonceName()).map((v) -> open(v, GoogleNonceEnvelope.class));
	}

	/** {@code SameSite=Strict}: only the SPA's own calls carry it, the sign-in being one of them. */
	public void writeGoogleNonce(HttpServletResponse response, GoogleNonceEnvelope envelope) {
		add(response, this.properties.googleNonceName(), seal(envelope), "/", this.properties.googleNonceMaxAge());
	}

	public void clearGoogleNonce(HttpServletResponse response) {
		add(response, this.properties.googleNonceName(), "", "/", Duration.ZERO);
	}

	/** Expires both cookies in the browser. */
	public void clear(HttpServletResponse response) {
		clearing().get(HttpHeaders.SET_COOKIE).forEach((cookie) -> response.addHeader(HttpHeaders.SET_COOKIE, cookie));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	/** The {@code Set-Cookie} headers that expire both cookies, for an answer written elsewhere. */
	public HttpHeaders clearing() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.SET_COOKIE, cookie(this.properties.accessName(), "", "/", Duration.ZERO, "Strict"));
		headers.add(HttpHeaders.SET_COOKIE,
				cookie(this.properties.refreshName(), "", this.properties.refreshPath(), Duration.ZERO, "Strict"));
		return headers;
	}

	private void add(HttpServletResponse response, String name, String value, String path, Duration maxAge) {
		add(response, name, value, path, maxAge, "Strict");
	}

	private void add(HttpServletResponse response, String name, String value, String path, Duration maxAge,
			String sameSite) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(name, value, path, maxAge, sameSite));
		// Any response that sets or clears a token cookie must never be stored by a cache.
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private static String cookie(String name, String value, String path, Duration maxAge, String sameSite) {
		return ResponseCookie.from(name, value)
			.path(path)
			.httpOnly(true)
			.secure(true)
			.sameSite(sameSite)
			.maxAge(maxAge.isNegative() ? Duration.ZERO : maxAge)
			.build()
			.toString();
	}

	private String seal(Object envelope) {
		return this.sealer.seal(this.json.writeValueAsBytes(envelope));
	}

	private <T> T open(String sealed, Class<T> type) {
		byte[] plaintext = this.sealer.open(sealed);
		try {
			return this.json.readValue(plaintext, type);
		}
		catch (JacksonException ex) {
			throw new UnreadableCookieException("envelope is not " + type.getSimpleName(), ex);
		}
	}

	/**
	 * The one cookie of this name. Two of them mean that another site of the domain (a sibling subdomain) has
	 * tossed one in, with a wider {@code Domain} or a longer {@code Path}: the browser sends both, in an order
	 * the attacker can influence, so the request is refused rather than a guess made.
	 */
	private static Optional<String> value(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		String found = null;
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				if (found != null) {
					throw new ProblemException(ProblemCode.COOKIE_CONFLICT,
							"The browser sent two " + name + " cookies; clear this site's cookies and log in again.");
				}
				found = cookie.getValue();
			}
		}
		return Optional.ofNullable(found);
	}

}
