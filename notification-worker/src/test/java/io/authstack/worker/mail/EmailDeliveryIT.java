package io.authstack.worker.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.authstack.contract.AmqpNames;
import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import io.authstack.contract.GoldenSamples;
import io.authstack.worker.WorkerIntegrationTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmailDeliveryIT extends WorkerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** Long enough for a wrongly sent email to have arrived: several retry rounds. */
	private static final Duration QUIET = Duration.ofSeconds(3);

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void renderedMessageIsSentAsItIs() throws Exception {
		EmailMessage email = sample(GoldenSamples.EMAIL_RENDERED);
		double sentBefore = count("authstack.worker.emails.sent");

		publish(email);

		await().atMost(WAIT).until(() -> receivedWithId(email.id()).size() == 1);
		MimeMessage received = receivedWithId(email.id()).get(0);
		assertThat(received.getSubject()).isEqualTo("Reset password");
		assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
		assertThat(received.getFrom()).extracting(Object::toString)
			.containsExactly("authstack <no-reply@authstack.localhost>");
		String body = bodyOf(received);
		assertThat(body).contains("click on the link below to reset them")
			.contains("https://auth.example.com/realms/authstack/login-actions/action-token?key=sample")
			.contains("<a href=");
		await().atMost(WAIT).until(() -> count("authstack.worker.emails.sent") == sentBefore + 1);
	}

	@Test
	void templateMessageIsRenderedInItsLocaleWithTheProducersLink() throws Exception {
		EmailMessage email = sample(GoldenSamples.EMAIL_VERIFY_EMAIL);

		publish(email);

		await().atMost(WAIT).until(() -> receivedWithId(email.id()).size() == 1);
		MimeMessage received = receivedWithId(email.id()).get(0);
		assertThat(received.getSubject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für authstack");
		String body = bodyOf(received);
		assertThat(body).contains("https://app.example.com/verify-email?token=sample-verify-token")
			.contains("Der Link ist 60 Minuten gültig.")
			.contains("<a href=\"https://app.example.com/verify-email?token=sample-verify-token\">");
	}

	@Test
	void sameIdPublishedTwiceIsSentOnce() {
		EmailMessage email = resetPassword("twice@example.com");
		double droppedBefore = count("authstack.worker.emails.duplicates.dropped");

		publish(email);
		publish(email);

		await().atMost(WAIT)
			.until(() -> count("authstack.worker.emails.duplicates.dropped") == droppedBefore + 1);
		await().during(QUIET).atMost(QUIET.plus(WAIT)).until(() -> receivedWithId(email.id()).size() == 1);
	}

	@Test
	void messageMarkedSentBeforeItsAckIsDroppedWithoutSending() {
		// A worker that died after the SMTP server's 250 and the mark, before its ack: the broker
		// delivers the message again.
		EmailMessage email = resetPassword("crashed@example.com");
		this.redis.opsForValue().set("email:" + email.id(), "sent", Duration.ofMinutes(5));
		double droppedBefore = count("authstack.worker.emails.duplicates.dropped");

		publish(email);

		await().atMost(WAIT)
			.until(() -> count("authstack.worker.emails.duplicates.dropped") == droppedBefore + 1);
		assertThat(receivedWithId(email.id())).isEmpty();
	}

	@Test
	void emailClaimedByAWorkerThatDiedMidSendIsSentOnceItsLeaseRunsOut() {
		EmailMessage email = resetPassword("lease@example.com");
		this.redis.opsForValue().set("email:" + email.id(), "claimed:a-worker-that-died", Duration.ofSeconds(2));

		publish(email);

		await().atMost(WAIT).until(() -> receivedWithId(email.id()).size() == 1);
		assertThat(this.redis.opsForValue().get("email:" + email.id())).isEqualTo("sent");
		await().during(QUIET).atMost(QUIET.plus(WAIT)).until(() -> receivedWithId(email.id()).size() == 1);
	}

	@Test
	void expiredMessageIsParkedAsExpiredAndNeverSent() {
		EmailMessage email = sample(GoldenSamples.EMAIL_EXPIRED);

		publish(email);

		Message parked = nextParked(WAIT);
		assertThat(parked).isNotNull();
		assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(email.id());
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_REASON_HEADER))
			.isEqualTo("expired");
		assertThat(this.json.readValue(parked.getBody(), EmailMessage.class)).isEqualTo(email);
		await().during(QUIET).atMost(QUIET.plus(WAIT)).until(() -> receivedWithId(email.id()).isEmpty());
	}

	@Test
	void malformedMessageIsParkedWithItsReasonAndTheQueueKeepsFlowing() {
		String poisonId = UUID.randomUUID().toString();
		EmailMessage next = resetPassword("after-poison@example.com");

		publishRaw("email.reset-password", poisonId, "{\"version\": 1, \"id\": ".getBytes(StandardCharsets.UTF_8));
		publish(next);

		Message parked = nextParked(WAIT);
		assertThat(parked).isNotNull();
		assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(poisonId);
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_REASON_HEADER))
			.isEqualTo("malformed");
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_DETAIL_HEADER)).isNotBlank();
		assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"version\": 1, \"id\": ");
		await().atMost(WAIT).until(() -> receivedWithId(next.id()).size() == 1);
	}

	@Test
	void messageBreakingTheContractIsParkedAsMalformed() {
		String id = UUID.randomUUID().toString();

		publishRaw("email.verify-email", id,
				GoldenSamples.read(GoldenSamples.EMAIL_INVALID_BOTH_BODIES).getBytes(StandardCharsets.UTF_8));

		Message parked = nextParked(WAIT);
		assertThat(parked).isNotNull();
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_REASON_HEADER))
			.isEqualTo("malformed");
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_DETAIL_HEADER))
			.contains("not both");
	}

	@Test
	void templateMessageWithoutItsLinkIsParkedAsUnrenderable() {
		EmailMessage withoutLink = EmailMessage.templated(UUID.randomUUID().toString(),
				EmailTemplate.VERIFY_EMAIL, "authstack", "nolink@example.com", "en", Map.of("expiresInMinutes", 60),
				Instant.now(), Instant.now().plusSeconds(600));

		publish(withoutLink);

		Message parked = nextParked(WAIT);
		assertThat(parked).isNotNull();
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_REASON_HEADER))
			.isEqualTo("unrenderable");
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_DETAIL_HEADER))
			.contains("[link]");
		assertThat(receivedWithId(withoutLink.id())).isEmpty();
	}

	/** Every text part, decoded, one after the other. */
	@Test
	void unusableRecipientIsParkedAsRejectedAtOnceWithoutRetries() {
		double retriedBefore = count("authstack.worker.emails.retried");
		EmailMessage email = resetPassword("not an address");

		publish(email);

		Message parked = nextParked(WAIT);
		assertThat(parked).isNotNull();
		assertThat((String) parked.getMessageProperties().getHeader(AmqpNames.PARKED_REASON_HEADER))
			.isEqualTo("rejected");
		assertThat(parked.getMessageProperties().<Object>getHeader(AmqpNames.ATTEMPT_HEADER)).isNull();
		assertThat(count("authstack.worker.emails.retried")).isEqualTo(retriedBefore);
	}

	private static String bodyOf(Part part) throws Exception {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(bodyOf(multipart.getBodyPart(i))).append('\n');
			}
			return text.toString();
		}
		return String.valueOf(content);
	}

}
