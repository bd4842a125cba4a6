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
	 * @param warmUp how long each scenario is called, unmeasured, first
	 */
	public HttpLoad(int threads, int maxCallsPerRound, Duration roundTime, int rounds, Duration warmUp) {
		Assert.isTrue(threads > 0 && maxCallsPerRound > 0 && rounds > 0, "threads, calls and rounds must be positive");
		this.threads = threads;
		this.maxCallsPerRound = maxCallsPerRound;
		this.roundTime = roundTime;
		this.rounds = rounds;
		this.warmUp = warmUp;
	}

	/** Runs the scenarios against each other: warm-up of each, then the rounds, alternating. */
	public List<LoadResult> compare(Map<String, Scenario> scenarios) {
		Map<String, Totals> totals = new LinkedHashMap<>();
		scenarios.forEach((name, scenario) -> {
			round(scenario, Integer.MAX_VALUE, this.warmUp);
			totals.put(name, new Totals());
		});
		for (int round = 0; round < this.rounds; round++) {
			scenarios.forEach((name, scenario) -> totals.get(name).add(round(scenario, this.maxCallsPerRound, this.roundTime)));
		}
		List<LoadResult> results = new ArrayList<>();
		totals.forEach((name, total) -> results.add(total.result(name)));
		return results;
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
	}

	private static final class Totals {

		private final List<long[]> latencies = new ArrayList<>();

		private final Map<String, Long> failures = new LinkedHashMap<>();

		private Duration elapsed = Duration.ZERO;

		void add(Round round) {
			this.latencies.addAll(round.latencies());
			round.failures().forEach((reason, count) -> this.failures.merge(reason, count, Long::sum));
			this.elapsed = this.elapsed.plus(round.elapsed());
		}

		LoadResult result(String name) {
			long[] all = this.latencies.stream().flatMapToLong(Arrays::stream).toArray();
			return LoadResult.of(name, all, this.failures, this.elapsed);
		}

	}

}
