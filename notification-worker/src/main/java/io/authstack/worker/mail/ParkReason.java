package io.authstack.worker.mail;

import io.authstack.contract.AmqpNames;

/**
 * Why the worker parked an email, as written to {@link AmqpNames#PARKED_REASON_HEADER}.
 */
public enum ParkReason {

	/** Past its {@code expiresAt}: never sent. */
	EXPIRED("expired"),

	/** Not JSON, or JSON that breaks the contract. */
	MALFORMED("malformed"),

	/** An unknown template, or a model without what the template needs. */
	UNRENDERABLE("unrenderable"),

	/** The SMTP server refused it for good (5xx) or the address cannot be used. */
	REJECTED("rejected"),

	/** Failed with temporary errors more often than there are retry delays. */
	RETRIES_EXHAUSTED("retries-exhausted");

	private final String headerValue;

	ParkReason(String headerValue) {
		this.headerValue = headerValue;
	}

	public String headerValue() {
		return this.headerValue;
	}

}
