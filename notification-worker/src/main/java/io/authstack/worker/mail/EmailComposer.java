package io.authstack.worker.mail;

import io.authstack.contract.EmailMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.Assert;

/**
 * Turns an {@link EmailMessage} into the MIME message to send: a rendered message as it is, a
 * template message through {@link EmailTemplateRenderer}. Text and HTML together make a
 * {@code multipart/alternative}.
 */
public final class EmailComposer {

	/** Carries the idempotency key, so a received email can be traced back to its job. */
	public static final String EMAIL_ID_HEADER = "X-Authstack-Email-Id";

	private final JavaMailSender mailSender;

	private final EmailTemplateRenderer renderer;

	private final String from;

	public EmailComposer(JavaMailSender mailSender, EmailTemplateRenderer renderer, String from) {
		Assert.notNull(mailSender, "mailSender cannot be null");
		Assert.notNull(renderer, "renderer cannot be null");
		Assert.hasText(from, "from cannot be empty");
		this.mailSender = mailSender;
		this.renderer = renderer;
		this.from = from;
	}

	/**
	 * @throws UnrenderableEmailException when the template cannot be rendered
	 * @throws MailPreparationException when an address cannot be used
	 */
	public MimeMessage compose(EmailMessage message) {
		RenderedEmail email = message.isTemplated() ? this.renderer.render(message)
				: new RenderedEmail(message.subject(), message.text(), message.html());
		MimeMessage mime = this.mailSender.createMimeMessage();
		try {
			boolean alternative = email.text() != null && email.html() != null;
			MimeMessageHelper helper = new MimeMessageHelper(mime, alternative, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(message.recipient());
			helper.setSubject(email.subject());
			if (alternative) {
				helper.setText(email.text(), email.html());
			}
			else if (email.html() != null) {
				helper.setText(email.html(), true);
			}
			else {
				helper.setText(email.text(), false);
			}
			mime.setHeader(EMAIL_ID_HEADER, message.id());
			// RFC 3834: tells auto-responders not to answer.
			mime.setHeader("Auto-Submitted", "auto-generated");
			return mime;
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Cannot prepare email " + message.id(), ex);
		}
	}

}
