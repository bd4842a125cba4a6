package io.authstack.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a free loopback port that keeps every message it receives.
 */
public final class SmtpSink implements AutoCloseable {

	private final GreenMail greenMail;

	private SmtpSink(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public static SmtpSink start() {
		ServerSetup smtp = new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		GreenMail greenMail = new GreenMail(smtp);
		greenMail.start();
		return new SmtpSink(greenMail);
	}

	public String host() {
		return "127.0.0.1";
	}

	public int port() {
		return this.greenMail.getSmtp().getPort();
	}

	public MimeMessage[] receivedMessages() {
		return this.greenMail.getReceivedMessages();
	}

	/** The underlying server, for stopping and starting it to simulate an SMTP outage. */
	public GreenMail greenMail() {
		return this.greenMail;
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
