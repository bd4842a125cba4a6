package io.authstack.bff.keycloak;

/**
 * Keycloak refused a grant with an OAuth error ({@code invalid_grant}, ...): bad credentials, an expired or
 * reused refresh token, a disabled account. Callers decide what the client is told.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
public final class GrantRejectedException extends RuntimeException {

	private final String error;

	private final String description;

	public GrantRejectedException(String error, String description) {
		super("Keycloak rejected the grant: " + error);
		this.error = error;
		this.description = description;
	}

	public String error() {
		return this.error;
	}

	/** Keycloak's {@code error_description}, or {@code null}; our grant types put stable codes there. */
	public String description() {
		return this.description;
	}

}
