package io.authstack.keycloak.google;

/**
 * A Google sign-in refused for one of the {@link GoogleSignInRejection} reasons; the grant turns it into
 * the OAuth error response and a failed event.
 */
public final class GoogleSignInException extends RuntimeException {

	private final GoogleSignInRejection rejection;

	public GoogleSignInException(GoogleSignInRejection rejection, String detail) {
		super(rejection.code() + ": " + detail);
		this.rejection = rejection;
	}

	public GoogleSignInException(GoogleSignInRejection rejection, String detail, Throwable cause) {
		super(rejection.code() + ": " + detail, cause);
		this.rejection = rejection;
	}

	public GoogleSignInRejection rejection() {
		return this.rejection;
	}

}
