package io.authstack.contract;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One email job, as published to {@value AmqpNames#NOTIFICATIONS_EXCHANGE}. It carries either a message
 * the producer already rendered ({@code subject} with {@code text} and/or {@code html}: Keycloak's own
 * emails) or a {@code template} and its {@code model} that the worker renders in {@code locale} (the
 * BFF's emails). Never both.
 *
 * <p>{@code id} is the idempotency key: the worker sends one email per id however often the message is
 * delivered, and every retry sends the same body. {@code expiresAt} is when the email stops being
 * worth sending (a reset link past its life): the worker parks it instead.
 *
 * @param version the contract version, {@link #CURRENT_VERSION} for messages built with this class
 * @param id the idempotency key, unique per email (a UUID), at most {@value #MAX_ID_LENGTH} characters
 * @param kind what the email is, in routing-key-safe characters: a template name, or {@code keycloak}
 * @param realm the Keycloak realm the recipient belongs to
 * @param recipient the address to send to
 * @param locale a BCP 47 language tag such as {@code en} or {@code de-CH}; may be {@code null}
 * @param subject the rendered subject, or {@code null} for a template message
 * @param text the rendered plain-text body, or {@code null}
 * @param html the rendered HTML body, or {@code null}
 * @param template an {@link EmailTemplate#templateName()}, or {@code null} for a rendered message
 * @param model the template's model (strings, numbers, booleans); empty for a rendered message
 * @param createdAt when the producer created the job
 * @param expiresAt after this instant the email must not be sent
 * @see AmqpNames
 */
public record EmailMessage(int version, String id, String kind, String realm, String recipient, String locale,
		String subject, String text, String html, String template, Map<String, Object> model, Instant createdAt,
		Instant expiresAt) {

	/** The version this class writes. Readers accept it and any later one, ignoring fields they do not know. */
	public static final int CURRENT_VERSION = 1;

	/** The kind of the emails Keycloak renders itself. */
	public static final String KEYCLOAK_KIND = "keycloak";

	public static final int MAX_ID_LENGTH = 128;

	private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	public EmailMessage {
		require(version >= 1, "version must be at least 1");
		require(!isBlank(id) && id.length() <= MAX_ID_LENGTH, "id must be 1 to " + MAX_ID_LENGTH + " characters");
		require(kind != null && KIND.matcher(kind).matches(), "kind must be lowercase letters, digits and '-'");
		require(!isBlank(realm), "realm is required");
		require(!isBlank(recipient), "recipient is required");
		require(createdAt != null, "createdAt is required");
		require(expiresAt != null, "expiresAt is required");
		boolean rendered = !isBlank(subject) || !isBlank(text) || !isBlank(html);
		boolean templated = !isBlank(template);
		require(rendered != templated, "either a rendered subject and body or a template is required, not both");
		if (rendered) {
			require(!isBlank(subject), "a rendered message needs a subject");
			require(!isBlank(text) || !isBlank(html), "a rendered message needs a text or an HTML body");
		}
		model = (model != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(model)) : Map.of();
	}

	/** A message rendered by its producer, sent as it is. */
	public static EmailMessage rendered(String id, String kind, String realm, String recipient, String locale,
			String subject, String text, String html, Instant createdAt, Instant expiresAt) {
		return new EmailMessage(CURRENT_VERSION, id, kind, realm, recipient, locale, subject, text, html, null,
				Map.of(), createdAt, expiresAt);
	}

	/** A message the worker renders from one of its templates; its kind is the template's name. */
	public static EmailMessage templated(String id, EmailTemplate template, String realm, String recipient,
			String locale, Map<String, Object> model, Instant createdAt, Instant expiresAt) {
		return new EmailMessage(CURRENT_VERSION, id, template.templateName(), realm, recipient, locale, null, null,
				null, template.templateName(), model, createdAt, expiresAt);
	}

	/** @return whether the worker renders this message from {@link #template()} */
	public boolean isTemplated() {
		return !isBlank(this.template);
	}

	/** @return whether the email is no longer worth sending at {@code now} */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	/** @return the routing key to publish this message with */
	public String routingKey() {
		return AmqpNames.emailRoutingKey(this.kind);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
