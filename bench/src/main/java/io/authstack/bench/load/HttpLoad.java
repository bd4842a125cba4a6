package io.authstack.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.util.Assert;

/**
 * A closed-loop load generator: a fixed number of client threads, each calling as fast as answers come back,
 * bounded both in calls and in time. Scenarios compared with each other run in alternating rounds, so that the
 * noise of a shared machine falls on all of them alike, and each is warmed up first (the JIT of both sides).
 */
public final class HttpLoad {

	private static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);

	/** Two warm-up slices within 5 % of each other: the scenario runs as fast as it will. */
	private static final double STEADY = 0.05;

	private final int threads;

	private final int maxCallsPerRound;

	private final Duration roundTime;

	private final int rounds;

	private final Duration warmUp;

	/**
	 * @param threads concurrent client threads
	 * @param maxCallsPerRound calls after which a round ends even before {@code roundTime}
	 * @param roundTime how long one round of one scenario lasts at most
	 * @param rounds how many measured rounds each scenario gets
	 * @param warmUp the longest each scenario is called, unmeasured, first ({@link #warmUp})
	 */
	public HttpLoad(int threads, int maxCallsPerRound, Duration roundTime, int rounds, Duration warmUp) {
		Assert.isTrue(threads > 0 && maxCallsPerRound > 0 && rounds > 0, "threads, calls and rounds must be positive");
		this.threads = threads;
		this.maxCallsPerRound = maxCallsPerRound;
		this.roundTime = roundTime;
		this.rounds = rounds;
		this.warmUp = warmUp;
	}

	/** The settings, in words, for the report. */
	public String settings() {
		return this.threads + " client threads; each scenario warmed up in " + WARM_UP_SLICE.toSeconds()
				+ " s slices until two in a row are within " + Math.round(STEADY * 100) + " % of each other's "
				+ "throughput (at most " + this.warmUp.toSeconds() + " s), then " + this.rounds + " rounds of at most "
				+ this.roundTime.toSeconds() + " s or " + this.maxCallsPerRound + " calls each";
	}

	/**
	 * Runs the scenarios against each other: warm-up of each, then the rounds, alternating, reading the CPU time of
	 * {@code servers} around each measured round.
	 */
	public List<LoadResult> compare(Map<String, Scenario> scenarios, ServerCpu servers) {
		Map<String, Totals> totals = new LinkedHashMap<>();
		scenarios.forEach((name, scenario) -> {
			warmUp(scenario);
			totals.put(name, new Totals());
		});
		for (int round = 0; round < this.rounds; round++) {
			scenarios.forEach((name, scenario) -> {
				Map<String, Duration> before = servers.used();
				Round measured = round(scenario, this.maxCallsPerRound, this.roundTime);
				totals.get(name).add(measured, ServerCpu.between(before, servers.used()));
			});
		}
		List<LoadResult> results = new ArrayList<>();
		totals.forEach((name, total) -> results.add(total.result(name)));
		return results;
	}

	/**
	 * Calls the scenario in slices of {@link #WARM_UP_SLICE} until two slices in a row differ in throughput by at
	 * most {@link #STEADY}, or for {@code warmUp} at most. On two shared cores the JIT of a Spring Boot service is
	 * busy for minutes: after 5 s of refreshes the BFF ran at half the throughput it reached after two minutes.
	 */
	private void warmUp(Scenario scenario) {
		long deadline = System.nanoTime() + this.warmUp.toNanos();
		double previous = -1;
		while (System.nanoTime() < deadline) {
			double throughput = round(scenario, Integer.MAX_VALUE, WARM_UP_SLICE).throughput();
			if (Math.abs(throughput - previous) <= STEADY * previous) {
				return;
			}
			previous = throughput;
		}
	}

	private Round round(Scenario scenario, int maxCalls, Duration time) {
		AtomicLong budget = new AtomicLong(maxCalls);
		Map<String, LongAdder> failures = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(this.threads);
		try {
			// Each client's set-up (a login, for a scenario that needs its own session) is not measured.
			List<Call> calls = new ArrayList<>();
			for (int i = 0; i < this.threads; i++) {
				calls.add(scenario.client());
			}
			List<Future<long[]>> perThread = new ArrayList<>();
			long start = System.nanoTime();
			long deadline = start + time.toNanos();
			for (Call call : calls) {
				perThread.add(pool.submit(() -> callUntilDone(call, budget, deadline, failures)));
			}
			List<long[]> latencies = new ArrayList<>();
			for (Future<long[]> future : perThread) {
				latencies.add(future.get());
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			Map<String, Long> failureCounts = new LinkedHashMap<>();
			failures.forEach((reason, count) -> failureCounts.put(reason, count.sum()));
			return new Round(latencies, failureCounts, elapsed);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Load run interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A client thread of the load run failed", ex.getCause());
		}
		catch (IOException ex) {
			throw new IllegalStateException("A client of the load run could not be set up", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long[] callUntilDone(Call call, AtomicLong budget, long deadline, Map<String, LongAdder> failures) {
		long[] latencies = new long[1024];
		int count = 0;
		while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
			long start = System.nanoTime();
			String failure;
			try {
				failure = call.call().failure();
			}
			catch (IOException ex) {
				failure = "I/O error " + ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long latency = System.nanoTime() - start;
			if (failure != null) {
				failures.computeIfAbsent(failure, (reason) -> new LongAdder()).increment();
				continue;
			}
			if (count == latencies.length) {
				latencies = Arrays.copyOf(latencies, count * 2);
			}
			latencies[count++] = latency;
		}
		return Arrays.copyOf(latencies, count);
	}

	/** One client call. */
	@FunctionalInterface
	public interface Call {

		Outcome call() throws IOException, InterruptedException;

	}

	/**
	 * How a call went.
	 *
	 * @param failure why it did not answer as expected, {@code null} when it did
	 */
	public record Outcome(String failure) {

		public static final Outcome SUCCESS = new Outcome(null);

		/** Success when {@code status} is {@code expected}, else a failure named by the status. */
		public static Outcome status(int status, int expected) {
			return (status == expected) ? SUCCESS : new Outcome("HTTP " + status);
		}

		public static Outcome failure(String reason) {
			return new Outcome(reason);
		}

	}

	/** Makes the call of one client thread, which may hold that thread's own session. */
	@FunctionalInterface
	public interface Scenario {

		Call client() throws IOException, InterruptedException;

	}

	private record Round(List<long[]> latencies, Map<String, Long> failures, Duration elapsed) {

		double throughput() {
			long calls = this.latencies.stream().mapToLong((thread) -> thread.length).sum();
			return calls / (this.elapsed.toNanos() / 1e9);
		}

	}

	private static final class Totals {

		private final List<long[]> latencies = new ArrayList<>();

		private final Map<String, Long> failures = new LinkedHashMap<>();

		private final Map<String, Duration> serverCpu = new LinkedHashMap<>();

		private Duration elapsed = Duration.ZERO;

		void add(Round round, Map<String, Duration> serverCpu) {
			this.latencies.addAll(round.latencies());
			round.failures().forEach((reason, count) -> this.failures.merge(reason, count, Long::sum));
			serverCpu.forEach((server, spent) -> this.serverCpu.merge(server, spent, Duration::plus));
			this.elapsed = this.elapsed.plus(round.elapsed());
		}

		LoadResult result(String name) {
			long[] all = this.latencies.stream().flatMapToLong(Arrays::stream).toArray();
			return LoadResult.of(name, all, this.failures, this.elapsed, this.serverCpu);
		}

	}

}
