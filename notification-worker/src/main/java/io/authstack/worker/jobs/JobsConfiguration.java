package io.authstack.worker.jobs;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.authstack.worker.topology.ConfirmedPublisher;
import io.authstack.worker.topology.EmailTopologyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.client.RestClient;

/**
 * The periodic jobs, scheduled from {@link JobsProperties} and each run through ShedLock's
 * {@link LockingTaskExecutor} with a lock in Redis: of N workers, the first to take the lock at a
 * scheduled time runs the job, the others skip that time.
 *
 * @see <a href="https://github.com/lukas-krecan/ShedLock#redis-using-spring-redisconnectionfactory">ShedLock:
 * Redis provider</a>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class JobsConfiguration {

	private static final Duration KEYCLOAK_TIMEOUT = Duration.ofSeconds(30);

	/** Longer than any clock skew between workers; the purge runs daily or so. */
	private static final Duration PURGE_LOCK_AT_LEAST_FOR = Duration.ofMinutes(1);

	@Bean
	LockProvider lockProvider(RedisConnectionFactory redisConnectionFactory, JobsProperties jobs) {
		return new RedisLockProvider(redisConnectionFactory, jobs.lockNamespace());
	}

	@Bean
	LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
		return new DefaultLockingTaskExecutor(lockProvider);
	}

	@Bean
	JobRuns jobRuns(MeterRegistry registry) {
		return new JobRuns(registry);
	}

	@Bean
	QueueDepthJob queueDepthJob(AmqpAdmin amqpAdmin, EmailTopologyProperties topology, MeterRegistry registry) {
		return new QueueDepthJob(amqpAdmin, topology, registry);
	}

	@Bean
	ParkedEmailRedrive parkedEmailRedrive(RabbitTemplate rabbitTemplate, AmqpAdmin amqpAdmin,
			EmailTopologyProperties topology, ConfirmedPublisher publisher) {
		return new ParkedEmailRedrive(rabbitTemplate, amqpAdmin, topology, publisher);
	}

	@Bean
	ParkedEmailsEndpoint parkedEmailsEndpoint(ParkedEmailRedrive redrive, LockingTaskExecutor lockingTaskExecutor,
			JobsProperties jobs, JobRuns runs) {
		return new ParkedEmailsEndpoint(redrive, lockingTaskExecutor, jobs, runs);
	}

	@Bean
	@ConditionalOnBooleanProperty("authstack.worker.unverified-accounts.enabled")
	UnverifiedAccountPurge unverifiedAccountPurge(UnverifiedAccountsProperties unverifiedAccounts, Clock clock,
			MeterRegistry registry) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder()
					// HTTP/1.1: Keycloak fails some h2c-upgraded requests (see the BFF's KeycloakHttp).
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(KEYCLOAK_TIMEOUT)
					.build());
		requestFactory.setReadTimeout(KEYCLOAK_TIMEOUT);
		KeycloakUsers users = new KeycloakUsers(RestClient.builder().requestFactory(requestFactory),
				unverifiedAccounts);
		return new UnverifiedAccountPurge(users, unverifiedAccounts.after(), clock, registry);
	}

	@Bean
	SchedulingConfigurer periodicJobs(LockingTaskExecutor lockingTaskExecutor, JobsProperties jobs, JobRuns runs,
			QueueDepthJob queueDepthJob, UnverifiedAccountsProperties unverifiedAccounts,
			ObjectProvider<UnverifiedAccountPurge> unverifiedAccountPurge) {
		return (registrar) -> {
			schedule(registrar, lockingTaskExecutor, runs, QueueDepthJob.NAME, jobs.queueDepthCron(),
					jobs.lockAtMostFor(), jobs.queueDepthLockAtLeastFor(), queueDepthJob);
			unverifiedAccountPurge.ifAvailable((purge) -> schedule(registrar, lockingTaskExecutor, runs,
					UnverifiedAccountPurge.NAME, unverifiedAccounts.cron(), jobs.lockAtMostFor(),
					PURGE_LOCK_AT_LEAST_FOR, purge));
		};
	}

	private static void schedule(ScheduledTaskRegistrar registrar, LockingTaskExecutor lockingTaskExecutor,
			JobRuns runs, String name, String cron, Duration lockAtMostFor, Duration lockAtLeastFor, Runnable job) {
		registrar.addCronTask(() -> {
			Instant now = Instant.now();
			Runnable recordedJob = () -> {
				runs.record(name, now);
				job.run();
			};
			lockingTaskExecutor.executeWithLock(recordedJob, new LockConfiguration(now, name, lockAtMostFor,
					lockAtLeastFor));
		}, cron);
	}

}
