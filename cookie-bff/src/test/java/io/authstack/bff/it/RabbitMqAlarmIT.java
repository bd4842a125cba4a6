package io.authstack.bff.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.authstack.bff.BffApplication;
import io.authstack.bff.outbox.EmailOutbox;
import io.authstack.contract.AmqpNames;
import io.authstack.testkit.AmqpInbox;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A RabbitMQ that is up but does not confirm (a memory alarm: it blocks every connection that publishes) changes no
 * answer of the accounts API, nor how long it takes: a reset for an address with an account and one without both
 * answer {@code 202} within the response floor, and the email goes out once the alarm clears. The alarm is raised on
 * a RabbitMQ node of this test's own, so this BFF is one of its own too (with a Redis of its own, whose outbox no
 * other BFF relays), against the JVM's Keycloak.
 */
class RabbitMqAlarmIT {

	private static final Duration MINIMUM_RESPONSE_TIME = Duration.ofMillis(800);

	/** Room for the work itself above the floor; a request held by RabbitMQ would take the publish timeout or more. */
	private static final Duration SLACK = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(RabbitMqAlarmIT.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final RabbitMqNode RABBITMQ = new RabbitMqNode(Path.of("target/rabbitmq-alarm-it.log"));

	private static final RedisProcess REDIS = new RedisProcess(Path.of("target/redis-alarm-it.log"));

	private static final int PORT = FreePorts.next();

	private static final String ORIGIN = "http://localhost:" + PORT;

	private static ConfigurableApplicationContext bff;

	private static AmqpInbox inbox;

	@BeforeAll
	static void startRabbitMqRedisAndTheBff() {
		RABBITMQ.start();
		REDIS.start();
		// Bound before the BFF publishes anything: with mandatory, a job no queue takes is returned.
		inbox = AmqpInbox.bind("127.0.0.1", RABBITMQ.port(), AmqpNames.NOTIFICATIONS_EXCHANGE, "email.#");
		bff = new SpringApplicationBuilder(BffApplication.class).profiles("dev")
			.run("--server.port=" + PORT, "--authstack.bff.public-url=" + ORIGIN,
					"--authstack.bff.keycloak.issuer=" + BffIntegrationTest.KEYCLOAK.realmUrl(AuthstackKeycloak.REALM),
					"--spring.data.redis.port=" + REDIS.port(), "--spring.data.redis.password=" + REDIS.password(),
					"--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + RABBITMQ.port(),
					"--authstack.bff.account.minimum-response-time=" + MINIMUM_RESPONSE_TIME.toMillis() + "ms",
					"--authstack.bff.outbox.publish-timeout=2s", "--authstack.bff.outbox.relay-interval=1s");
	}

	@AfterAll
	static void stopThemAll() {
		if (bff != null) {
			bff.close();
		}
		if (inbox != null) {
			inbox.close();
		}
		REDIS.stop();
		RABBITMQ.stop();
	}

	@AfterEach
	void alarmClearedAndRedisUp() {
		RABBITMQ.clearMemoryAlarm();
		REDIS.start();
		// The next test calls at once: wait until the rate limits' own Redis pool has dropped the connections the
		// restart killed (the redirect login answers 302 once its limiter reaches Redis again, 503 until then).
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> new Browser(ORIGIN, BffIntegrationTest.USER_AGENT).get("/api/auth/login").status() == 302);
	}

	@Test
	void duringAMemoryAlarmResetsAnswerAlikeWithinTheFloorAndTheEmailGoesOutOnceItClears() {
		String before = BffIntegrationTest.newUser().username() + "@example.test";
		String known = BffIntegrationTest.newUser().username() + "@example.test";
		String unknown = AccountsIntegrationTest.freshEmail();
		assertThat(resetPassword(before).status()).isEqualTo(202);
		assertThat(nextJob().path("recipient").asString()).isEqualTo(before);
		await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize() == 0);

		RABBITMQ.raiseMemoryAlarm();
		Timed forKnown = timed(() -> resetPassword(known));
		Timed forUnknown = timed(() -> resetPassword(unknown));
		logger.info("Reset during a memory alarm: known address {} ms, unknown address {} ms",
				forKnown.took().toMillis(), forUnknown.took().toMillis());

		for (Timed answer : List.of(forKnown, forUnknown)) {
			assertThat(answer.response().status()).isEqualTo(202);
			assertThat(answer.took()).isGreaterThanOrEqualTo(MINIMUM_RESPONSE_TIME)
				.isLessThan(MINIMUM_RESPONSE_TIME.plus(SLACK));
		}
		assertThat(forKnown.response().body()).isEqualTo(forUnknown.response().body());
		assertThat(outboxSize()).as("the known address's job waits; the unknown one has none").isEqualTo(1);

		RABBITMQ.clearMemoryAlarm();

		JsonNode job = nextJob();
		assertThat(job.path("recipient").asString()).isEqualTo(known);
		assertThat(job.path("template").asString()).isEqualTo("reset-password");
		await().atMost(Duration.ofSeconds(30)).until(() -> outboxSize() == 0);
		// A publish the alarm held may reach the queue besides the relay's retry: the same job, the same id.
		assertThat(inbox.takeAll()).allSatisfy((delivery) -> assertThat(delivery.getProperties().getMessageId())
			.isEqualTo(job.path("id").asString()));
	}

	@Test
	void withRedisDownTooResetsFailClosedAlikeWhetherOrNotTheAddressHasAnAccount() {
		String known = BffIntegrationTest.newUser().username() + "@example.test";
		String unknown = AccountsIntegrationTest.freshEmail();
		RABBITMQ.raiseMemoryAlarm();
		REDIS.stop();

		Browser.Response forKnown = resetPassword(known);
		Browser.Response forUnknown = resetPassword(unknown);

		for (Browser.Response answer : List.of(forKnown, forUnknown)) {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.code()).isEqualTo("upstream_unavailable");
		}
		assertThat(forKnown.body()).isEqualTo(forUnknown.body());
	}

	private static Browser.Response resetPassword(String email) {
		return new Browser(ORIGIN, BffIntegrationTest.USER_AGENT).post("/api/accounts/reset-password",
				Map.of("email", email));
	}

	private static JsonNode nextJob() {
		return JSON.readTree(inbox.next(Duration.ofSeconds(30)).getBody());
	}

	private static long outboxSize() {
		Long size = bff.getBean(StringRedisTemplate.class).opsForZSet().size(EmailOutbox.KEY);
		return (size != null) ? size : 0;
	}

	private static Timed timed(Supplier<Browser.Response> call) {
		long started = System.nanoTime();
		Browser.Response response = call.get();
		return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
	}

	private record Timed(Browser.Response response, Duration took) {
	}

}
