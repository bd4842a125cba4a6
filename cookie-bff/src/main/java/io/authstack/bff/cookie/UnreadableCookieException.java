package io.authstack.bff.cookie;

/**
 * A cookie that does not open with our key ring: tampered with, sealed by someone else, or not ours at all.
 * The message says why for the log; the client only ever learns that its session is gone.
 */
public final class UnreadableCookieException extends RuntimeException {

	public UnreadableCookieException(String reason) {
		super(reason);
	}

	public UnreadableCookieException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
