package io.authstack.bench.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one scenario of a load run measured: how many calls succeeded in how long, and their latency
 * percentiles (nearest rank).
 *
 * @param scenario what was called
 * @param calls calls that answered as expected
 * @param failures calls that did not (wrong status, I/O error), by reason; they count in no latency
 * @param elapsed wall-clock time spent calling, summed over the rounds
 * @param p50 median latency
 * @param p99 99th percentile latency
 * @param serverCpu CPU time each server under load spent during the rounds ({@link ServerCpu})
 */
public record LoadResult(String scenario, long calls, Map<String, Long> failures, Duration elapsed, Duration p50,
		Duration p99, Map<String, Duration> serverCpu) {

	public LoadResult {
		failures = Map.copyOf(failures);
		serverCpu = Collections.unmodifiableMap(new LinkedHashMap<>(serverCpu));
	}

	/** All failed calls. */
	public long failureCount() {
		return this.failures.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Successful calls per second of wall-clock time, all client threads together. */
	public double throughput() {
		return (this.elapsed.isZero()) ? 0 : this.calls / (this.elapsed.toNanos() / 1e9);
	}

	/** CPU time per call, successful or not, by server. */
	public Map<String, Duration> serverCpuPerCall() {
		long attempts = Math.max(1, this.calls + failureCount());
		Map<String, Duration> perCall = new LinkedHashMap<>();
		this.serverCpu.forEach((server, spent) -> perCall.put(server, spent.dividedBy(attempts)));
		return perCall;
	}

	static LoadResult of(String scenario, long[] latencyNanos, Map<String, Long> failures, Duration elapsed,
			Map<String, Duration> serverCpu) {
		long[] sorted = latencyNanos.clone();
		Arrays.sort(sorted);
		return new LoadResult(scenario, sorted.length, failures, elapsed, percentile(sorted, 0.50),
				percentile(sorted, 0.99), serverCpu);
	}

	private static Duration percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return Duration.ZERO;
		}
		int rank = (int) Math.ceil(fraction * sorted.length);
		return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
	}

}
