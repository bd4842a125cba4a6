package io.authstack.worker.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.util.Assert;

/**
 * Renders a template message with Thymeleaf: {@code mail/<template>.html} and {@code mail/<template>.txt}
 * from the classpath, the subject and every sentence from {@code mail/messages*.properties} in the
 * message's locale (falling back to the default locale). The model fills the blanks; its links are
 * used as the producer built them.
 *
 * @see <a href="https://www.thymeleaf.org/doc/tutorials/3.1/usingthymeleaf.html">Thymeleaf 3.1</a>
 */
public final class EmailTemplateRenderer {

	private final ITemplateEngine templateEngine;

	private final MessageSource messages;

	private final String productName;

	private final Locale defaultLocale;

	public EmailTemplateRenderer(ITemplateEngine templateEngine, MessageSource messages, String productName,
			Locale defaultLocale) {
		Assert.notNull(templateEngine, "templateEngine cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.hasText(productName, "productName cannot be empty");
		Assert.notNull(defaultLocale, "defaultLocale cannot be null");
		this.templateEngine = templateEngine;
		this.messages = messages;
		this.productName = productName;
		this.defaultLocale = defaultLocale;
	}

	/**
	 * @throws UnrenderableEmailException for an unknown template or a model without what it needs
	 */
	public RenderedEmail render(EmailMessage message) {
		EmailTemplate template = EmailTemplate.named(message.template())
			.orElseThrow(() -> new UnrenderableEmailException("Unknown template '" + message.template() + "'"));
		List<String> missing = template.requiredModel()
			.stream()
			.filter((key) -> message.model().get(key) == null)
			.toList();
		if (!missing.isEmpty()) {
			throw new UnrenderableEmailException("Template '" + template.templateName() + "' needs " + missing);
		}
		Locale locale = locale(message.locale());
		Context context = new Context(locale, Map.of("productName", this.productName, "recipient",
				message.recipient()));
		context.setVariables(message.model());
		try {
			String subject = this.messages.getMessage(template.templateName() + ".subject",
					new Object[] { this.productName }, locale);
			String text = this.templateEngine.process(template.templateName() + ".txt", context);
			String html = this.templateEngine.process(template.templateName() + ".html", context);
			return new RenderedEmail(subject, text, html);
		}
		catch (TemplateEngineException | NoSuchMessageException ex) {
			throw new UnrenderableEmailException("Template '" + template.templateName() + "' failed to render", ex);
		}
	}

	private Locale locale(String languageTag) {
		if (languageTag == null || languageTag.isBlank()) {
			return this.defaultLocale;
		}
		Locale locale = Locale.forLanguageTag(languageTag);
		return locale.getLanguage().isEmpty() ? this.defaultLocale : locale;
	}

}
