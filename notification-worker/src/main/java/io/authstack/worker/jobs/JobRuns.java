package io.authstack.worker.jobs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The runs of periodic jobs in this worker: counted ({@code authstack_worker_jobs_runs_total{job}})
 * and the latest kept in memory, so that one can tell which worker ran what.
 */
public final class JobRuns {

	private static final int KEPT = 100;

	private final MeterRegistry registry;

	private final Deque<JobRun> latest = new ArrayDeque<>();

	public JobRuns(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String job, Instant startedAt) {
		Counter.builder("authstack.worker.jobs.runs")
			.description("Periodic job runs in this worker")
			.tag("job", job)
			.register(this.registry)
			.increment();
		synchronized (this.latest) {
			if (this.latest.size() == KEPT) {
				this.latest.removeFirst();
			}
			this.latest.addLast(new JobRun(job, startedAt));
		}
	}

	/** @return the latest runs, oldest first */
	public List<JobRun> latest() {
		synchronized (this.latest) {
			return List.copyOf(this.latest);
		}
	}

	/**
	 * One run of a job.
	 *
	 * @param job the job's lock name
	 * @param startedAt when this worker started it
	 */
	public record JobRun(String job, Instant startedAt) {
	}

}
