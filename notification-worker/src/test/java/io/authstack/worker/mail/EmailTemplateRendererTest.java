package io.authstack.worker.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTemplateRendererTest {

	private static final Map<String, Object> FULL_MODEL = Map.of("link", "https://app.example.com/a?token=t&x=1",
			"resetLink", "https://app.example.com/reset", "loginLink", "https://app.example.com/login",
			"expiresInMinutes", 45, "device", "Firefox on Linux", "ipAddress", "203.0.113.7", "occurredAt",
			"2026-01-15T09:58:12Z");

	private final EmailTemplateRenderer renderer = new MailConfiguration()
		.emailTemplateRenderer(new WorkerMailProperties("authstack <no-reply@example.com>", "Acme", Locale.ENGLISH,
				Duration.ofMinutes(2), Duration.ofDays(7), 1, 1));

	@ParameterizedTest
	@EnumSource(EmailTemplate.class)
	void everyTemplateRendersSubjectTextAndHtmlInEnglishAndGerman(EmailTemplate template) {
		RenderedEmail english = this.renderer.render(message(template, "en", FULL_MODEL));
		RenderedEmail german = this.renderer.render(message(template, "de", FULL_MODEL));

		assertThat(english.subject()).contains("Acme");
		assertThat(german.subject()).contains("Acme").isNotEqualTo(english.subject());
		for (RenderedEmail email : new RenderedEmail[] { english, german }) {
			assertThat(email.text()).isNotBlank().doesNotContain("??").doesNotContain("#{").doesNotContain("[(");
			assertThat(email.html()).startsWith("<!DOCTYPE html>").doesNotContain("??").doesNotContain("th:");
		}
		for (String key : template.requiredModel()) {
			String value = String.valueOf(FULL_MODEL.get(key));
			assertThat(english.text()).contains(value);
		}
	}

	@Test
	void linksAreUsedAsTheProducerBuiltThemAndEscapedInHtml() {
		RenderedEmail email = this.renderer.render(message(EmailTemplate.VERIFY_EMAIL, "en", FULL_MODEL));

		assertThat(email.text()).contains("https://app.example.com/a?token=t&x=1");
		assertThat(email.html()).contains("href=\"https://app.example.com/a?token=t&amp;x=1\"");
		assertThat(email.text()).contains("The link expires in 45 minutes.");
	}

	@Test
	void modelValuesAreEscapedInHtml() {
		Map<String, Object> model = new HashMap<>(FULL_MODEL);
		model.put("device", "<script>alert(1)</script>");

		RenderedEmail email = this.renderer.render(message(EmailTemplate.NEW_DEVICE, "en", model));

		assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;");
	}

	@Test
	void localeWithoutTextsFallsBackToTheDefault() {
		RenderedEmail french = this.renderer.render(message(EmailTemplate.RESET_PASSWORD, "fr", FULL_MODEL));
		RenderedEmail none = this.renderer.render(message(EmailTemplate.RESET_PASSWORD, null, FULL_MODEL));

		assertThat(french.subject()).isEqualTo("Reset your Acme password");
		assertThat(none.subject()).isEqualTo("Reset your Acme password");
	}

	@Test
	void regionalLocaleUsesItsLanguage() {
		assertThat(this.renderer.render(message(EmailTemplate.RESET_PASSWORD, "de-CH", FULL_MODEL)).subject())
			.isEqualTo("Ihr Acme-Passwort zurücksetzen");
	}

	@Test
	void missingModelEntryIsUnrenderable() {
		assertThatThrownBy(() -> this.renderer.render(message(EmailTemplate.NEW_DEVICE, "en", Map.of("link", "x"))))
			.isInstanceOf(UnrenderableEmailException.class)
			.hasMessageContaining("device")
			.hasMessageContaining("ipAddress");
	}

	@Test
	void unknownTemplateIsUnrenderable() {
		Instant now = Instant.now();
		EmailMessage unknown = new EmailMessage(1, "id", "newsletter", "authstack", "a@example.com", "en", null, null,
				null, "newsletter", Map.of(), now, now.plusSeconds(60));

		assertThatThrownBy(() -> this.renderer.render(unknown)).isInstanceOf(UnrenderableEmailException.class)
			.hasMessageContaining("newsletter");
	}

	private static EmailMessage message(EmailTemplate template, String locale, Map<String, Object> model) {
		Instant now = Instant.now();
		return EmailMessage.templated("id", template, "authstack", "a@example.com", locale, model, now,
				now.plusSeconds(60));
	}

}
