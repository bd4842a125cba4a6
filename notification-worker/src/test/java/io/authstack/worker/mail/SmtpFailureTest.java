package io.authstack.worker.mail;

import java.net.ConnectException;
import java.util.Map;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailureTest {

	@Test
	void recipientRejectedWith5xxIsPermanentWithTheServersReply() throws Exception {
		SMTPAddressFailedException rejected = new SMTPAddressFailedException(new InternetAddress("x@example.com"),
				"RCPT TO", 550, "550 5.1.1 <x@example.com>: user unknown");
		MailSendException failure = sendFailure(new SendFailedException("Invalid Addresses", rejected));

		SmtpFailure smtpFailure = SmtpFailure.of(failure);

		assertThat(smtpFailure.permanent()).isTrue();
		assertThat(smtpFailure.detail()).contains("550 5.1.1");
	}

	@Test
	void messageRefusedWith4xxIsTemporary() {
		SMTPSendFailedException greylisted = new SMTPSendFailedException("DATA", 451,
				"451 4.7.1 Greylisted, try again later", null, null, null, null);

		SmtpFailure smtpFailure = SmtpFailure.of(sendFailure(greylisted));

		assertThat(smtpFailure.permanent()).isFalse();
		assertThat(smtpFailure.detail()).contains("451 4.7.1");
	}

	@Test
	void refusedConnectionIsTemporary() {
		MailConnectException refused = new MailConnectException(
				new SocketConnectException("Connection refused", new ConnectException("Connection refused"),
						"localhost", 25, 10000));

		assertThat(SmtpFailure.of(new MailSendException("Mail server connection failed", refused)).permanent())
			.isFalse();
	}

	@Test
	void rejectedCredentialsAreTemporarySoThatOperatorsCanFixThemBeforeTheRetriesRunOut() {
		assertThat(SmtpFailure.of(new MailAuthenticationException("535 5.7.8 authentication failed")).permanent())
			.isFalse();
	}

	@Test
	void unusableAddressIsPermanent() {
		assertThat(SmtpFailure.of(new MailParseException(new AddressException("Missing final '@domain'")))
			.permanent()).isTrue();
	}

	@Test
	void detailIsOneBoundedLine() {
		SmtpFailure smtpFailure = SmtpFailure.of(new MailSendException("first\nsecond " + "x".repeat(1000)));

		assertThat(smtpFailure.detail()).doesNotContain("\n").startsWith("first second").hasSize(500);
	}

	private static MailSendException sendFailure(Exception cause) {
		return new MailSendException(Map.of(new Object(), cause));
	}

}
