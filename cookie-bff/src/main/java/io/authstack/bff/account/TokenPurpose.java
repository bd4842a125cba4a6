package io.authstack.bff.account;

import io.authstack.contract.EmailTemplate;

/** What an account token may be used for: each purpose has its own key space, so one never works as another. */
enum TokenPurpose {

	VERIFY_EMAIL("verify", EmailTemplate.VERIFY_EMAIL),

	RESET_PASSWORD("reset", EmailTemplate.RESET_PASSWORD);

	private final String keyPart;

	private final EmailTemplate template;

	TokenPurpose(String keyPart, EmailTemplate template) {
		this.keyPart = keyPart;
		this.template = template;
	}

	String keyPart() {
		return this.keyPart;
	}

	EmailTemplate template() {
		return this.template;
	}

}
