package io.authstack.worker.mail;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.rabbitmq.client.Channel;
import io.authstack.contract.EmailMessage;
import io.authstack.worker.mail.EmailClaims.Claim;
import io.authstack.worker.mail.EmailMetrics.Delivery;
import io.authstack.worker.mail.EmailMetrics.SmtpOutcome;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.Assert;

/**
 * Consumes the email queue with manual acks, one message at a time per consumer:
 * <ol>
 * <li>malformed JSON or a broken contract ⇒ parked at once ({@code malformed});</li>
 * <li>past its expiry ⇒ parked ({@code expired}), never sent;</li>
 * <li>claim the id in Redis; already sent ⇒ ack and drop; held by another worker ⇒ look again later;</li>
 * <li>render and send; the server's 250 ⇒ mark sent, then ack;</li>
 * <li>a 4xx reply, a connection failure or Redis down ⇒ the next retry queue; a 5xx reply or an
 * unrenderable template ⇒ parked.</li>
 * </ol>
 * Nothing is acked before its outcome is safe (sent and marked, or copied into a retry or parking queue
 * with a broker confirm); if that copy fails, the delivery is requeued.
 *
 * @see <a href="https://www.rabbitmq.com/docs/confirms#consumer-acknowledgements">RabbitMQ: consumer
 * acknowledgements</a>
 */
public final class EmailListener implements ChannelAwareMessageListener {

	private static final Logger logger = LoggerFactory.getLogger(EmailListener.class);

	private final JsonMapper json;

	private final EmailClaims claims;

	private final EmailComposer composer;

	private final JavaMailSender mailSender;

	private final FailedEmails failedEmails;

	private final EmailMetrics metrics;

	private final Clock clock;

	public EmailListener(JsonMapper json, EmailClaims claims, EmailComposer composer, JavaMailSender mailSender,
			FailedEmails failedEmails, EmailMetrics metrics, Clock clock) {
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(claims, "claims cannot be null");
		Assert.notNull(composer, "composer cannot be null");
		Assert.notNull(mailSender, "mailSender cannot be null");
		Assert.notNull(failedEmails, "failedEmails cannot be null");
		Assert.notNull(metrics, "metrics cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.json = json;
		this.claims = claims;
		this.composer = composer;
		this.mailSender = mailSender;
		this.failedEmails = failedEmails;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		long deliveryTag = message.getMessageProperties().getDeliveryTag();
		try {
			handle(message);
			channel.basicAck(deliveryTag, false);
		}
		catch (AmqpException | DataAccessException ex) {
			// The outcome could not be made safe (a retry or parking copy unconfirmed): the broker keeps
			// the message and delivers it again; its delivery limit parks it if this never heals.
			logger.warn("Email job {} requeued: {}", message.getMessageProperties().getMessageId(), ex.toString());
			channel.basicNack(deliveryTag, false, true);
		}
		catch (RuntimeException ex) {
			// A bug, not a bad message: requeue (never leave it unacked); the quorum queue's delivery limit
			// dead-letters it into the parking queue if it keeps failing.
			logger.error("Email job {} failed unexpectedly, requeued", message.getMessageProperties().getMessageId(),
					ex);
			channel.basicNack(deliveryTag, false, true);
		}
	}

	private void handle(Message message) {
		EmailMessage email;
		try {
			email = this.json.readValue(message.getBody(), EmailMessage.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.failedEmails.park(message, ParkReason.MALFORMED, ex.getMessage());
			return;
		}
		Instant now = this.clock.instant();
		this.metrics.consumed(Duration.between(email.createdAt(), now),
				(FailedEmails.failedAttempts(message) > 0) ? Delivery.RETRY : Delivery.FIRST);
		if (email.isExpiredAt(now)) {
			this.failedEmails.park(message, ParkReason.EXPIRED, "expired at " + email.expiresAt());
			return;
		}
		Claim claim;
		try {
			claim = this.claims.claim(email.id());
		}
		catch (DataAccessException ex) {
			this.failedEmails.retryOrPark(message, "Redis unavailable: " + ex.getMessage());
			return;
		}
		switch (claim) {
			case ALREADY_SENT -> {
				this.metrics.duplicateDropped();
				logger.info("Email job {} was sent before: dropped", email.id());
			}
			case HELD_ELSEWHERE -> this.failedEmails.defer(message);
			case CLAIMED -> send(message, email);
		}
	}

	private void send(Message message, EmailMessage email) {
		MimeMessage mime;
		try {
			mime = this.composer.compose(email);
		}
		catch (UnrenderableEmailException ex) {
			this.claims.release(email.id());
			this.failedEmails.park(message, ParkReason.UNRENDERABLE, ex.getMessage());
			return;
		}
		catch (MailException ex) {
			// An address that cannot be used: nothing was said to the SMTP server.
			this.claims.release(email.id());
			failed(message, SmtpFailure.of(ex));
			return;
		}
		Timer.Sample smtp = this.metrics.smtpStarted();
		try {
			this.mailSender.send(mime);
		}
		catch (MailException ex) {
			SmtpFailure failure = SmtpFailure.of(ex);
			this.metrics.smtpFinished(smtp,
					failure.permanent() ? SmtpOutcome.PERMANENT_FAILURE : SmtpOutcome.TEMPORARY_FAILURE);
			this.claims.release(email.id());
			failed(message, failure);
			return;
		}
		this.metrics.smtpFinished(smtp, SmtpOutcome.ACCEPTED);
		this.metrics.sent();
		try {
			this.claims.markSent(email.id());
		}
		catch (DataAccessException ex) {
			// Sent is sent: ack anyway. Only a redelivery could repeat it now, and we ack at once.
			logger.warn("Email job {} sent but not marked sent in Redis: {}", email.id(), ex.toString());
		}
	}

	private void failed(Message message, SmtpFailure failure) {
		if (failure.permanent()) {
			this.failedEmails.park(message, ParkReason.REJECTED, failure.detail());
		}
		else {
			this.failedEmails.retryOrPark(message, failure.detail());
		}
	}

}
