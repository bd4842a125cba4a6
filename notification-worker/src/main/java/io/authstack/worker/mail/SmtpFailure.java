package io.authstack.worker.mail;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * What a failed send means: a permanent failure (an SMTP 5xx reply, an unusable address) is parked at
 * once; anything else (a 4xx reply, a refused or broken connection, a timeout) may pass and is retried.
 *
 * @param permanent whether retrying cannot help
 * @param detail the server's reply or the error, one line, for the parking headers and the log
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1">RFC 5321 §4.2.1: reply codes</a>
 */
public record SmtpFailure(boolean permanent, String detail) {

	private static final int MAX_DETAIL_LENGTH = 500;

	/** Reads the failure out of what Spring Mail and Jakarta Mail threw. */
	public static SmtpFailure of(Exception failure) {
		boolean permanent = failure instanceof MailParseException || failure instanceof MailPreparationException;
		String detail = failure.getMessage();
		for (Throwable cause : causes(failure)) {
			int code = replyCode(cause);
			if (code >= 500) {
				return new SmtpFailure(true, oneLine(cause.getMessage()));
			}
			if (code >= 400) {
				permanent = false;
				detail = cause.getMessage();
			}
			else if (cause instanceof AddressException) {
				return new SmtpFailure(true, oneLine(cause.getMessage()));
			}
			else if (cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
				detail = cause.toString();
			}
		}
		return new SmtpFailure(permanent, oneLine(detail));
	}

	private static int replyCode(Throwable cause) {
		if (cause instanceof SMTPAddressFailedException address) {
			return address.getReturnCode();
		}
		if (cause instanceof SMTPSendFailedException send) {
			return send.getReturnCode();
		}
		if (cause instanceof SMTPSenderFailedException sender) {
			return sender.getReturnCode();
		}
		return -1;
	}

	/** Every exception reachable through causes (Jakarta Mail's next exceptions are causes too). */
	private static Set<Throwable> causes(Exception failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.add(failure);
		if (failure instanceof MailSendException send) {
			pending.addAll(send.getFailedMessages().values());
		}
		while (!pending.isEmpty()) {
			Throwable next = pending.poll();
			if (seen.add(next) && next.getCause() != null) {
				pending.add(next.getCause());
			}
		}
		return seen;
	}

	private static String oneLine(String text) {
		if (text == null) {
			return "";
		}
		String line = text.replaceAll("\\s+", " ").strip();
		return (line.length() > MAX_DETAIL_LENGTH) ? line.substring(0, MAX_DETAIL_LENGTH) : line;
	}

}
