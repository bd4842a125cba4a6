package io.authstack.worker.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.authstack.testkit.LocalService;
import io.authstack.testkit.SmtpSink;
import io.authstack.worker.WorkerApplication;
import io.authstack.worker.jobs.JobRuns.JobRun;
import io.authstack.worker.topology.EmailTopologyProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers, as two application contexts on the same RabbitMQ and Redis, with the queue-depth job due
 * every two seconds in both: each time, exactly one of them runs it.
 */
class SchedulerLockIT {

	private static final String RUN = "it-" + UUID.randomUUID().toString().substring(0, 8);

	private static final int PERIOD_SECONDS = 2;

	private static SmtpSink smtp;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoWorkers() {
		LocalService.RABBITMQ.require();
		LocalService.REDIS.require();
		smtp = SmtpSink.start();
		first = startWorker();
		second = startWorker();
	}

	@AfterAll
	static void stopWorkers() {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			EmailTopologyProperties topology = first.getBean(EmailTopologyProperties.class);
			AmqpAdmin amqpAdmin = first.getBean(AmqpAdmin.class);
			first.getBean(SimpleMessageListenerContainer.class).stop();
			amqpAdmin.deleteQueue(topology.queue());
			amqpAdmin.deleteQueue(topology.parkingQueue());
			for (int attempt = 0; attempt < topology.retryDelays().size(); attempt++) {
				amqpAdmin.deleteQueue(topology.retryQueue(attempt));
			}
			amqpAdmin.deleteExchange(topology.exchange());
			amqpAdmin.deleteExchange(topology.eventsExchange());
			first.close();
		}
		if (smtp != null) {
			smtp.close();
		}
	}

	@Test
	void jobDueInTwoWorkersAtOnceRunsInOneOfThemEachTime() {
		await().atMost(Duration.ofSeconds(40)).until(() -> queueDepthRuns().size() >= 5);

		List<JobRun> runs = queueDepthRuns();
		// The scheduled time each run belongs to: the nearest multiple of the period (a scheduler may fire
		// a little late, or a millisecond early).
		assertThat(runs).extracting((run) -> Math.round(run.startedAt().toEpochMilli() / (PERIOD_SECONDS * 1000.0)))
			.as("the scheduled times the job ran at, in either worker")
			.doesNotHaveDuplicates();
	}

	private static List<JobRun> queueDepthRuns() {
		List<JobRun> runs = new ArrayList<>();
		for (ConfigurableApplicationContext worker : List.of(first, second)) {
			worker.getBean(JobRuns.class)
				.latest()
				.stream()
				.filter((run) -> run.job().equals(QueueDepthJob.NAME))
				.forEach(runs::add);
		}
		return runs;
	}

	private static ConfigurableApplicationContext startWorker() {
		return new SpringApplicationBuilder(WorkerApplication.class).web(WebApplicationType.NONE)
			.profiles("dev")
			.properties("spring.mail.host=" + smtp.host(), "spring.mail.port=" + smtp.port(),
					"authstack.worker.topology.exchange=authstack.notifications." + RUN,
					"authstack.worker.topology.queue=authstack.email." + RUN,
					"authstack.worker.topology.parking-queue=authstack.email." + RUN + ".parked",
					"authstack.worker.topology.events-exchange=authstack.events." + RUN,
					"authstack.worker.topology.retry-delays=1s", "authstack.worker.jobs.lock-namespace=" + RUN,
					"authstack.worker.jobs.queue-depth-cron=*/" + PERIOD_SECONDS + " * * * * *",
					// Held past any lag between the two schedulers, released before the next time.
					"authstack.worker.jobs.queue-depth-lock-at-least-for=1500ms")
			.run();
	}

}
