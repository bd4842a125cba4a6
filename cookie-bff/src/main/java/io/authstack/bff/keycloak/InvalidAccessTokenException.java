package io.authstack.bff.keycloak;

/** An access token that fails verification: forged, expired, or issued for someone else. */
public final class InvalidAccessTokenException extends RuntimeException {

	public InvalidAccessTokenException(Throwable cause) {
		super("Access token rejected: " + cause.getMessage(), cause);
	}

}
