package io.authstack.bff.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes the SPA can act on, each with its HTTP status. The code is the contract; titles
 * and details may change.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 Problem Details for HTTP APIs</a>
 */
public enum ProblemCode {

	SESSION_EXPIRED(HttpStatus.UNAUTHORIZED, "Session expired"),
	REFRESH_REUSED(HttpStatus.UNAUTHORIZED, "Refresh token reused"),
	BINDING_MISMATCH(HttpStatus.UNAUTHORIZED, "Session bound to another device"),
	REVOKED(HttpStatus.UNAUTHORIZED, "Session revoked"),
	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Invalid credentials"),
	GOOGLE_TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "Google sign-in token invalid"),
	GOOGLE_EMAIL_UNVERIFIED(HttpStatus.UNAUTHORIZED, "Google email not verified"),
	GOOGLE_DOMAIN_NOT_ALLOWED(HttpStatus.UNAUTHORIZED, "Google account domain not allowed"),
	GOOGLE_SIGN_IN_REFUSED(HttpStatus.UNAUTHORIZED, "Google sign-in refused"),
	GOOGLE_INTERACTION_REQUIRED(HttpStatus.UNAUTHORIZED, "Google sign-in needs the redirect login"),
	GOOGLE_NONCE_MISMATCH(HttpStatus.BAD_REQUEST, "Google sign-in not started in this browser"),
	GOOGLE_TOKEN_REPLAYED(HttpStatus.BAD_REQUEST, "Google sign-in token already used"),
	CSRF_REJECTED(HttpStatus.FORBIDDEN, "Cross-site request rejected"),
	LOGIN_METHOD_DISABLED(HttpStatus.FORBIDDEN, "Login method disabled"),
	ACCOUNT_SETUP_REQUIRED(HttpStatus.UNAUTHORIZED, "Account not fully set up"),
	OTP_REQUIRED(HttpStatus.UNAUTHORIZED, "One-time code required"),
	DEVICE_APPROVAL_REQUIRED(HttpStatus.UNAUTHORIZED, "New device awaits approval"),
	DEVICE_DENIED(HttpStatus.FORBIDDEN, "Sign-in from a new device refused"),
	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
	PASSWORD_POLICY(HttpStatus.BAD_REQUEST, "Password rejected by the password policy"),
	INVALID_TOKEN(HttpStatus.BAD_REQUEST, "Invalid or expired token"),
	USERNAME_TAKEN(HttpStatus.CONFLICT, "Username taken"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Upstream unavailable"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
	ACCOUNT_ACTION_REQUIRED(HttpStatus.UNAUTHORIZED, "Account has required actions to finish"),
	PROFILE_INCOMPLETE(HttpStatus.UNAUTHORIZED, "Account profile incomplete"),
	COOKIE_CONFLICT(HttpStatus.BAD_REQUEST, "Conflicting session cookies"),
	PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
	LENGTH_REQUIRED(HttpStatus.LENGTH_REQUIRED, "Request body without a length"),
	GOOGLE_EMAIL_IN_USE(HttpStatus.CONFLICT, "Email address belongs to an existing account"),
	SESSION_TOO_LARGE(HttpStatus.UNPROCESSABLE_CONTENT, "Session too large for a cookie");

	private final HttpStatus status;

	private final String title;

	ProblemCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	/** The code as it appears in the problem's {@code code} member, e.g. {@code session_expired}. */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public URI type() {
		return URI.create("urn:authstack:problem:" + code());
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

}
