package io.authstack.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import com.icegreen.greenmail.store.FolderException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.authstack.contract.AmqpNames;
import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import io.authstack.testkit.FreePorts;
import io.authstack.testkit.LocalService;
import io.authstack.testkit.ServiceProcess;
import io.authstack.testkit.SmtpSink;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.util.Assert;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pair 4: the notification worker's jar delivering email jobs from RabbitMQ to an SMTP sink, vs. a plain JavaMail
 * loop sending the very messages the worker delivered to the same sink. Both sides send with as many threads
 * (the worker's consumers), and both open one SMTP connection per message, as the worker's
 * {@code JavaMailSender} does; what the pair measures is the worker's pipeline around the send (AMQP delivery and
 * ack, the JSON contract, the Redis claim and sent mark, rendering the templates). The jobs are the BFF's
 * password-reset emails. Rounds alternate, after a warm-up round of each side; the worker's rounds run from the
 * first publish to the last message stored by the sink. The exchange and queues are this run's own and deleted
 * after it.
 */
public final class EmailDelivery {

	private static final String RUN = "bench-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String EXCHANGE = AmqpNames.NOTIFICATIONS_EXCHANGE + "." + RUN;

	private static final String QUEUE = AmqpNames.EMAIL_QUEUE + "." + RUN;

	private static final String PARKING_QUEUE = QUEUE + ".parked";

	private static final String EVENTS_EXCHANGE = AmqpNames.EVENTS_EXCHANGE + "." + RUN;

	private static final Duration RETRY_DELAY = Duration.ofSeconds(10);

	private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);

	private static final String RECIPIENT = "bench@example.org";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int emailsPerRound;

	private final int rounds;

	private final int senders;

	/**
	 * @param emailsPerRound emails each side delivers per round (the warm-up round too)
	 * @param rounds measured rounds per side
	 * @param senders the worker's consumers, and the loop's threads
	 */
	public EmailDelivery(int emailsPerRound, int rounds, int senders) {
		Assert.isTrue(emailsPerRound > 0 && rounds > 0 && senders > 0, "emails, rounds and senders must be positive");
		this.emailsPerRound = emailsPerRound;
		this.rounds = rounds;
		this.senders = senders;
	}

	/** Starts the worker, runs the pair, stops the worker and deletes this run's exchanges and queues. */
	public Results run(Path root) throws IOException, InterruptedException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(LocalService.RABBITMQ.require().host());
		factory.setPort(LocalService.RABBITMQ.port());
		try (SmtpSink sink = SmtpSink.start(); Connection amqp = factory.newConnection("authstack-bench");
				Channel channel = amqp.createChannel()) {
			channel.confirmSelect();
			try (ServiceProcess worker = ServiceProcess.start(root, "notification-worker", FreePorts.next(),
					FreePorts.next(), workerArguments(sink), root.resolve("bench/target/notification-worker.log"))) {
				Duration workerTime = Duration.ZERO;
				Duration loopTime = Duration.ZERO;
				for (int round = 0; round <= this.rounds; round++) {
					Duration workerRound = workerRound(channel, sink);
					Duration loopRound = loopRound(sink);
					if (round > 0) {
						workerTime = workerTime.plus(workerRound);
						loopTime = loopTime.plus(loopRound);
					}
				}
				long emails = (long) this.emailsPerRound * this.rounds;
				return new Results(List.of(new Result("Worker: RabbitMQ → render → SMTP sink", emails, workerTime),
						new Result("Plain JavaMail loop, same messages, same sink", emails, loopTime)),
						PeakMemory.of(worker.pid()));
			}
			finally {
				deleteTopology(channel);
			}
		}
	}

	private List<String> workerArguments(SmtpSink sink) {
		return List.of("--spring.profiles.active=dev", "--spring.mail.host=" + sink.host(),
				"--spring.mail.port=" + sink.port(),
				"--authstack.worker.topology.exchange=" + EXCHANGE, "--authstack.worker.topology.queue=" + QUEUE,
				"--authstack.worker.topology.parking-queue=" + PARKING_QUEUE,
				"--authstack.worker.topology.events-exchange=" + EVENTS_EXCHANGE,
				"--authstack.worker.topology.retry-delays=" + RETRY_DELAY.toSeconds() + "s",
				"--authstack.worker.mail.concurrency=" + this.senders, "--authstack.worker.jobs.lock-namespace=" + RUN,
				// The bench's ids leave Redis soon after the run.
				"--authstack.worker.mail.sent-retention=10m", "--logging.level.io.authstack=WARN");
	}

	/** Publishes a round of jobs as the BFF does (persistent, confirmed) and waits until the sink holds them all. */
	private Duration workerRound(Channel channel, SmtpSink sink) throws IOException, InterruptedException, TimeoutException {
		purge(sink);
		Map<String, byte[]> jobs = new LinkedHashMap<>();
		for (int i = 0; i < this.emailsPerRound; i++) {
			EmailMessage email = resetPassword();
			jobs.put(email.id(), JSON.writeValueAsBytes(email));
		}
		long start = System.nanoTime();
		for (Map.Entry<String, byte[]> job : jobs.entrySet()) {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
				.contentEncoding("UTF-8")
				.messageId(job.getKey())
				.deliveryMode(2)
				.build();
			channel.basicPublish(EXCHANGE, AmqpNames.emailRoutingKey(EmailTemplate.RESET_PASSWORD.templateName()), true,
					properties, job.getValue());
		}
		channel.waitForConfirmsOrDie(ROUND_TIMEOUT.toMillis());
		awaitStored(sink, "the worker");
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** Sends the messages the sink holds (the worker's last round) again, then waits until it holds them twice. */
	private Duration loopRound(SmtpSink sink) throws InterruptedException {
		List<MimeMessage> messages = List.of(sink.receivedMessages());
		purge(sink);
		Properties settings = new Properties();
		settings.put("mail.smtp.host", sink.host());
		settings.put("mail.smtp.port", Integer.toString(sink.port()));
		Session session = Session.getInstance(settings);
		ExecutorService threads = Executors.newFixedThreadPool(this.senders);
		try {
			long start = System.nanoTime();
			List<Future<?>> sent = new ArrayList<>();
			for (int thread = 0; thread < this.senders; thread++) {
				int first = thread;
				sent.add(threads.submit(() -> {
					for (int i = first; i < messages.size(); i += this.senders) {
						send(session, messages.get(i));
					}
					return null;
				}));
			}
			for (Future<?> done : sent) {
				done.get();
			}
			awaitStored(sink, "the JavaMail loop");
			return Duration.ofNanos(System.nanoTime() - start);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The JavaMail loop failed", ex.getCause());
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** One connection per message, as {@code JavaMailSenderImpl.send(MimeMessage)} makes it. */
	private static void send(Session session, MimeMessage message) throws MessagingException {
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	private static void purge(SmtpSink sink) {
		try {
			sink.greenMail().purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Cannot empty the SMTP sink", ex);
		}
	}

	private void awaitStored(SmtpSink sink, String sender) throws InterruptedException {
		if (!sink.greenMail().waitForIncomingEmail(ROUND_TIMEOUT.toMillis(), this.emailsPerRound)) {
			throw new IllegalStateException(sender + " delivered " + sink.receivedMessages().length + " of "
					+ this.emailsPerRound + " emails within " + ROUND_TIMEOUT + "; see bench/target/notification-worker.log");
		}
	}

	private static EmailMessage resetPassword() {
		Instant now = Instant.now();
		return EmailMessage.templated(UUID.randomUUID().toString(), EmailTemplate.RESET_PASSWORD, "authstack", RECIPIENT,
				"en", Map.of("link", "https://app.example.com/reset-password?token=" + UUID.randomUUID(),
						"expiresInMinutes", 30),
				now, now.plus(Duration.ofMinutes(30)));
	}

	private static void deleteTopology(Channel channel) throws IOException {
		for (String queue : List.of(QUEUE, PARKING_QUEUE, AmqpNames.retryQueue(QUEUE, RETRY_DELAY))) {
			channel.queueDelete(queue);
		}
		channel.exchangeDelete(EXCHANGE);
		channel.exchangeDelete(EVENTS_EXCHANGE);
	}

	/**
	 * @param scenario who sent
	 * @param emails emails delivered in the measured rounds
	 * @param elapsed wall-clock time of the measured rounds
	 */
	public record Result(String scenario, long emails, Duration elapsed) {

		public double perSecond() {
			return (this.elapsed.isZero()) ? 0 : this.emails / (this.elapsed.toNanos() / 1e9);
		}

	}

	/**
	 * @param pair the worker, then the plain loop
	 * @param workerPeakRss the worker's peak resident memory after the rounds
	 */
	public record Results(List<Result> pair, OptionalLong workerPeakRss) {
	}

}
