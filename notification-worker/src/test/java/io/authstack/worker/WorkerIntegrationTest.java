package io.authstack.worker;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import io.authstack.contract.GoldenSamples;
import io.authstack.testkit.LocalService;
import io.authstack.testkit.SmtpSink;
import io.authstack.testkit.TcpProxy;
import io.authstack.worker.mail.EmailComposer;
import io.authstack.worker.management.OperatorProperties;
import io.authstack.worker.topology.EmailTopologyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one base of the worker's ITs: the real worker against the local RabbitMQ, the local Redis (through a
 * link a test can cut) and a GreenMail SMTP server, on exchange and queue names of this test run only
 * (deleted when the context closes), with retry delays short enough for a test, the actuator on a port of its own. Every IT extending it shares one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@Import(RunTopologyCleanup.class)
public abstract class WorkerIntegrationTest {

	private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

	private static final Duration QUIET = Duration.ofSeconds(3);

	protected static final String RUN = "it-" + UUID.randomUUID().toString().substring(0, 8);

	protected static final String EXCHANGE = "authstack.notifications." + RUN;

	protected static final String QUEUE = "authstack.email." + RUN;

	protected static final String PARKING_QUEUE = QUEUE + ".parked";

	protected static final String EVENTS_EXCHANGE = "authstack.events." + RUN;

	protected static final SmtpSink smtp = SmtpSink.start();

	/** The worker reaches the local Redis through this link, which a test may cut to see an outage. */
	protected static final TcpProxy REDIS_LINK = TcpProxy.to(LocalService.REDIS.host(), LocalService.REDIS.port());

	@Autowired
	protected RabbitTemplate rabbitTemplate;

	@Autowired
	protected AmqpAdmin amqpAdmin;

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected EmailTopologyProperties topology;

	@Autowired
	private OperatorProperties operator;

	@LocalManagementPort
	private int managementPort;

	@DynamicPropertySource
	static void workerProperties(DynamicPropertyRegistry registry) {
		LocalService.RABBITMQ.require();
		LocalService.REDIS.require();
		// The actuator on a free port of its own, bound to loopback as in every profile.
		registry.add("management.server.port", () -> 0);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", REDIS_LINK::port);
		registry.add("spring.mail.host", smtp::host);
		registry.add("spring.mail.port", smtp::port);
		registry.add("authstack.worker.topology.exchange", () -> EXCHANGE);
		registry.add("authstack.worker.topology.queue", () -> QUEUE);
		registry.add("authstack.worker.topology.parking-queue", () -> PARKING_QUEUE);
		registry.add("authstack.worker.topology.retry-delays", () -> "500ms,1s,2s,4s");
		registry.add("authstack.worker.topology.events-exchange", () -> EVENTS_EXCHANGE);
		registry.add("authstack.worker.jobs.lock-namespace", () -> RUN);
		registry.add("authstack.worker.jobs.queue-depth-cron", () -> "*/2 * * * * *");
		registry.add("authstack.worker.jobs.queue-depth-lock-at-least-for", () -> "1s");
		registry.add("authstack.worker.mail.claim-lease", () -> "20s");
		// The test ids' "sent" marks leave Redis soon after the run.
		registry.add("authstack.worker.mail.sent-retention", () -> "10m");
	}

	@BeforeEach
	void startClean() throws Exception {
		if (!smtp.greenMail().isRunning()) {
			smtp.greenMail().start();
		}
		this.amqpAdmin.purgeQueue(QUEUE, false);
		this.amqpAdmin.purgeQueue(PARKING_QUEUE, false);
		for (int attempt = 0; attempt < this.topology.retryDelays().size(); attempt++) {
			this.amqpAdmin.purgeQueue(this.topology.retryQueue(attempt), false);
		}
		smtp.greenMail().purgeEmailFromAllMailboxes();
	}

	protected ActuatorClient actuator() {
		return new ActuatorClient(this.managementPort, this.operator);
	}

	/** A golden sample, with an id of its own so that runs do not meet each other's "sent" marks. */
	protected EmailMessage sample(String name) {
		EmailMessage sample = this.json.readValue(GoldenSamples.read(name), EmailMessage.class);
		return new EmailMessage(sample.version(), UUID.randomUUID().toString(), sample.kind(), sample.realm(),
				sample.recipient(), sample.locale(), sample.subject(), sample.text(), sample.html(), sample.template(),
				sample.model(), sample.createdAt(), sample.expiresAt());
	}

	protected EmailMessage resetPassword(String recipient) {
		Instant now = Instant.now();
		return EmailMessage.templated(UUID.randomUUID().toString(), EmailTemplate.RESET_PASSWORD, "authstack",
				recipient, "en", Map.of("link", "https://app.example.com/reset-password?token=" + UUID.randomUUID(),
						"expiresInMinutes", 30),
				now, now.plus(30, ChronoUnit.MINUTES));
	}

	/** Publishes as a producer does: persistent, to the exchange, with the email's routing key. */
	protected void publish(EmailMessage email) {
		publishRaw(email.routingKey(), email.id(), this.json.writeValueAsBytes(email));
	}

	protected void publishRaw(String routingKey, String messageId, byte[] body) {
		Message message = MessageBuilder.withBody(body)
			.setContentType("application/json")
			.setMessageId(messageId)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
		this.rabbitTemplate.send(EXCHANGE, routingKey, message);
	}

	protected List<MimeMessage> received() {
		return Arrays.asList(smtp.receivedMessages());
	}

	protected List<MimeMessage> receivedWithId(String id) {
		List<MimeMessage> matching = new ArrayList<>();
		for (MimeMessage message : smtp.receivedMessages()) {
			if (id.equals(emailId(message))) {
				matching.add(message);
			}
		}
		return matching;
	}

	protected static String emailId(MimeMessage message) {
		try {
			String[] ids = message.getHeader(EmailComposer.EMAIL_ID_HEADER);
			return (ids != null) ? ids[0] : null;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected double count(String counter, String... tags) {
		return this.meters.counter(counter, tags).count();
	}

	/**
	 * Every email of {@code ids} reaches the SMTP sink exactly once, nothing else does (checked over a quiet
	 * spell after the last one) and nothing is parked.
	 */
	protected void assertEachSentOnce(List<String> ids, double sentBefore) {
		await().atMost(DELIVERY_WAIT).until(() -> received().size() >= ids.size());
		await().during(QUIET).atMost(QUIET.plus(DELIVERY_WAIT)).until(() -> received().size() == ids.size());
		Map<String, Long> deliveries = received().stream()
			.collect(Collectors.groupingBy(WorkerIntegrationTest::emailId, Collectors.counting()));
		assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(deliveries.values()).allMatch((times) -> times == 1);
		assertThat(count("authstack.worker.emails.sent")).isEqualTo(sentBefore + ids.size());
		assertThat(nextParked(Duration.ofMillis(200))).isNull();
	}

	/** The next parked message, or {@code null} after the timeout. */
	protected Message nextParked(Duration timeout) {
		return this.rabbitTemplate.receive(PARKING_QUEUE, timeout.toMillis());
	}

}
