package io.authstack.worker.mail;

/**
 * An email ready for SMTP.
 *
 * @param subject the subject line
 * @param text the plain-text body, or {@code null}
 * @param html the HTML body, or {@code null}
 */
public record RenderedEmail(String subject, String text, String html) {
}
