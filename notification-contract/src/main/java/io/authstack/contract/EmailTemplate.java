package io.authstack.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The emails the worker renders itself, from a template and a model the producer fills. Links in the
 * model are absolute and built by the producer from its configured public URL, never from a request's
 * {@code Host}.
 */
public enum EmailTemplate {

	/** Confirm the address of a new account. Model: {@code link}, {@code expiresInMinutes}. */
	VERIFY_EMAIL("verify-email", "link", "expiresInMinutes"),

	/** A password reset the user asked for. Model: {@code link}, {@code expiresInMinutes}. */
	RESET_PASSWORD("reset-password", "link", "expiresInMinutes"),

	/** The password was changed; if it was not the user, how to react. Model: {@code resetLink}. */
	PASSWORD_CHANGED("password-changed", "resetLink"),

	/**
	 * Someone tried to register with an address that already has an account (the BFF answers the same
	 * either way, so the owner learns of it by mail). Model: {@code loginLink}, {@code resetLink}.
	 */
	REGISTRATION_ATTEMPT("registration-attempt", "loginLink", "resetLink"),

	/** A sign-in from a device not seen before. Model: {@code device}, {@code ipAddress}, {@code occurredAt}, {@code link}. */
	NEW_DEVICE("new-device", "device", "ipAddress", "occurredAt", "link");

	private final String templateName;

	private final List<String> requiredModel;

	EmailTemplate(String templateName, String... requiredModel) {
		this.templateName = templateName;
		this.requiredModel = List.of(requiredModel);
	}

	/** @return the name carried in {@link EmailMessage#template()} */
	public String templateName() {
		return this.templateName;
	}

	/** @return the model entries the template cannot do without */
	public List<String> requiredModel() {
		return this.requiredModel;
	}

	public static Optional<EmailTemplate> named(String templateName) {
		return Arrays.stream(values()).filter((template) -> template.templateName.equals(templateName)).findFirst();
	}

}
