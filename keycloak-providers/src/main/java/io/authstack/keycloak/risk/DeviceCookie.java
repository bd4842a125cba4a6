package io.authstack.keycloak.risk;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.utils.SecureContextResolver;

/**
 * The long-lived random device cookie of browser flows: it tells apart two browsers that send identical
 * headers, and survives header changes such as a browser update only as far as the fingerprint allows.
 * <p>
 * {@code HttpOnly}, scoped to the realm's path, {@code SameSite=Lax} so that it accompanies the top-level
 * navigation to the login page, {@code Secure} in a secure context as Keycloak decides it for its own
 * cookies (HTTPS, or {@code localhost}). Its value is 256 random bits and
 * is never logged; only its HMAC (inside the fingerprint) is stored.
 *
 * @see <a href="https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html">Cookies: HTTP State
 * Management Mechanism</a>
 */
final class DeviceCookie {

	static final String NAME = "AUTHSTACK_DEVICE";

	/** Browsers cap cookie lifetimes at 400 days. */
	private static final int MAX_AGE_SECONDS = 400 * 86_400;

	private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private DeviceCookie() {
	}

	/** The browser's device cookie, or a new one set on the response when it has none (or a malformed one). */
	static String readOrIssue(KeycloakSession session, RealmModel realm) {
		KeycloakContext context = session.getContext();
		Cookie existing = context.getRequestHeaders().getCookies().get(NAME);
		if (existing != null && VALUE.matcher(existing.getValue()).matches()) {
			return existing.getValue();
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		boolean secure = SecureContextResolver.isSecureContext(session);
		String path = RealmsResource.realmBaseUrl(context.getUri()).build(realm.getName()).getRawPath();
		context.getHttpResponse()
			.setCookieIfAbsent(new NewCookie.Builder(NAME).value(value)
				.path(path)
				.maxAge(MAX_AGE_SECONDS)
				.httpOnly(true)
				.secure(secure)
				.sameSite(NewCookie.SameSite.LAX)
				.build());
		return value;
	}

}
