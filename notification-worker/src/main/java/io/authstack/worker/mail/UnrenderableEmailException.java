package io.authstack.worker.mail;

/** A template message the worker cannot render: an unknown template, or a model missing an entry. */
public final class UnrenderableEmailException extends RuntimeException {

	public UnrenderableEmailException(String message) {
		super(message);
	}

	public UnrenderableEmailException(String message, Throwable cause) {
		super(message, cause);
	}

}
