package io.authstack.keycloak.google;

import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;

/**
 * Why a Google sign-in was refused. The {@link #code()} is the {@code error_description} the client sees:
 * stable, and deliberately no more precise than this list (which claim failed stays in the server's event).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2, error response</a>
 */
public enum GoogleSignInRejection {

	/** Unreadable, not RS256, unknown key, bad signature, wrong {@code iss} or {@code aud}, expired, no {@code jti}. */
	TOKEN_INVALID("google_token_invalid", Errors.INVALID_TOKEN),

	/**
	 * The token carries no {@code nonce}, or not the one the client sent: it was not issued for the browser the
	 * client is signing in, so it may have been taken from another.
	 */
	NONCE_MISMATCH("google_nonce_mismatch", Errors.INVALID_TOKEN),

	/** This token ({@code jti}) was already presented: one Google ID token signs in once. */
	TOKEN_REPLAYED("google_token_replayed", Errors.INVALID_TOKEN),

	/** Google does not vouch for the email address ({@code email_verified} is not true). */
	EMAIL_UNVERIFIED("google_email_unverified", Errors.INVALID_TOKEN),

	/** The account's Workspace domain ({@code hd}) is not in the realm's allowlist. */
	DOMAIN_NOT_ALLOWED("google_domain_not_allowed", Errors.NOT_ALLOWED),

	/** The local user is disabled or locked out by brute-force detection. */
	ACCOUNT_DISABLED("google_account_disabled", Errors.USER_DISABLED),

	/** The local user still has required actions to complete in the browser. */
	ACCOUNT_INCOMPLETE("google_account_incomplete", Errors.RESOLVE_REQUIRED_ACTIONS),

	/**
	 * A local account holds this email but cannot be linked safely: Google is not authoritative for the address
	 * (a consumer account with a non-Gmail address, a Workspace account outside its own domain), the local email
	 * is unverified, or the account is already linked to another Google account.
	 */
	EMAIL_IN_USE("google_email_in_use", Errors.EMAIL_IN_USE),

	/** No account matches and the provider's first-broker-login flow creates no accounts. */
	REGISTRATION_CLOSED("google_registration_closed", Errors.REGISTRATION_DISABLED),

	/** The {@code google} provider's post-login flow (device risk, for instance) refused the login. */
	LOGIN_DENIED("google_login_denied", Errors.ACCESS_DENIED),

	/**
	 * The post-login flow wants to talk to the user (a second step), which a token request cannot: sign in through
	 * the redirect flow, where it can.
	 */
	INTERACTION_REQUIRED("google_interaction_required", Errors.ACCESS_DENIED),

	/** The realm has no enabled {@code google} identity provider. */
	SIGN_IN_DISABLED("google_sign_in_disabled", Errors.UNKNOWN_IDENTITY_PROVIDER),

	/** Google's keys could not be fetched: nothing was decided about the token. */
	KEYS_UNAVAILABLE("google_keys_unavailable", Errors.INVALID_TOKEN),

	/**
	 * Another request signed the same Google account up or linked it at the same moment and won: the same token,
	 * sent again, signs in.
	 */
	CONCURRENT_SIGN_IN("google_sign_in_conflict", Errors.INVALID_REQUEST);

	private final String code;

	private final String eventError;

	GoogleSignInRejection(String code, String eventError) {
		this.code = code;
		this.eventError = eventError;
	}

	/** The stable code, sent as {@code error_description}. */
	public String code() {
		return this.code;
	}

	/** The error recorded in Keycloak's event. */
	public String eventError() {
		return this.eventError;
	}

	/** The OAuth {@code error}: nothing wrong with the grant when the server cannot decide now; else the grant's. */
	public String oauthError() {
		return isTransient() ? OAuthErrorException.TEMPORARILY_UNAVAILABLE : OAuthErrorException.INVALID_GRANT;
	}

	public Response.Status status() {
		return isTransient() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.BAD_REQUEST;
	}

	/** Whether the same request may succeed when retried. */
	private boolean isTransient() {
		return this == KEYS_UNAVAILABLE || this == CONCURRENT_SIGN_IN;
	}

}
