package io.authstack.worker.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code /actuator/parkedemails}: {@code GET} tells how many emails are parked,
 * {@code POST} (optionally {@code {"max": n}}) re-drives them into the email queue. The re-drive takes
 * the same Redis lock in every worker, so two requests at once do not both move messages. The actuator
 * is an operator's interface: expose it only on the management port, never to the internet.
 */
@Endpoint(id = "parkedemails")
final class ParkedEmailsEndpoint {

	private final ParkedEmailRedrive redrive;

	private final LockingTaskExecutor lockingTaskExecutor;

	private final JobsProperties jobs;

	private final JobRuns runs;

	ParkedEmailsEndpoint(ParkedEmailRedrive redrive, LockingTaskExecutor lockingTaskExecutor, JobsProperties jobs,
			JobRuns runs) {
		this.redrive = redrive;
		this.lockingTaskExecutor = lockingTaskExecutor;
		this.jobs = jobs;
		this.runs = runs;
	}

	@ReadOperation
	Map<String, Object> parked() {
		return Map.of("parked", this.redrive.parked());
	}

	@WriteOperation
	Map<String, Object> redrive(@Nullable Integer max) {
		int batch = (max != null && max > 0) ? max : this.jobs.redriveBatch();
		Instant now = Instant.now();
		TaskResult<Integer> result;
		try {
			result = this.lockingTaskExecutor.executeWithLock(() -> {
				this.runs.record(ParkedEmailRedrive.NAME, now);
				return this.redrive.redrive(batch);
			}, new LockConfiguration(now, ParkedEmailRedrive.NAME, this.jobs.lockAtMostFor(), Duration.ZERO));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Re-drive of parked emails failed", ex);
		}
		if (!result.wasExecuted()) {
			return Map.of("redriven", 0, "skipped", "another worker is re-driving parked emails");
		}
		return Map.of("redriven", result.getResult());
	}

}
