package io.authstack.bench.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.authstack.bench.jmh.CookieSealingBenchmark;
import io.authstack.bench.jmh.RequestCheckBenchmark;
import io.authstack.testkit.ServiceJvm;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this module in one forked JVM each and keeps their scores by method name.
 *
 * @param scores average time per operation, by benchmark method name
 * @param settings how they were run, for the report
 */
record JmhFigures(Map<String, Score> scores, String settings) {

	/** Three JVMs: a figure that one JIT's choices would skew shows as a wide error instead. */
	static final int FORKS = 3;

	/** Long: on a loaded machine the JIT's compiler threads get little CPU. */
	static final int WARMUP_ITERATIONS = 10;

	static final int MEASUREMENT_ITERATIONS = 5;

	static final int ITERATION_SECONDS = 2;

	static JmhFigures run() throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder()
			.include("^" + Pattern.quote(CookieSealingBenchmark.class.getName()) + "\\.")
			.include("^" + Pattern.quote(RequestCheckBenchmark.class.getName()) + "\\.")
			.forks(FORKS)
			// The heap, collector and stack size the services run with.
			.jvmArgsAppend(ServiceJvm.MEMORY_OPTIONS.toArray(String[]::new))
			.warmupIterations(WARMUP_ITERATIONS)
			.warmupTime(TimeValue.seconds(ITERATION_SECONDS))
			.measurementIterations(MEASUREMENT_ITERATIONS)
			.measurementTime(TimeValue.seconds(ITERATION_SECONDS))
			.build()).run();
		Map<String, Score> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			Result<?> primary = result.getPrimaryResult();
			scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
					new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
		}
		return new JmhFigures(scores, FORKS + " forks with the services' JVM options (`"
				+ String.join(" ", ServiceJvm.MEMORY_OPTIONS) + "`), " + WARMUP_ITERATIONS + " × " + ITERATION_SECONDS
				+ " s warm-up, " + MEASUREMENT_ITERATIONS + " × " + ITERATION_SECONDS + " s measured, average time");
	}

	Score score(String method) {
		Score score = this.scores.get(method);
		if (score == null) {
			throw new IllegalStateException("JMH gave no result for " + method);
		}
		return score;
	}

	/**
	 * @param value average time per operation
	 * @param error JMH's 99.9% confidence half-interval
	 * @param unit e.g. {@code us/op}
	 */
	record Score(double value, double error, String unit) {
	}

}
