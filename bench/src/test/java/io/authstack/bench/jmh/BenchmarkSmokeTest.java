package io.authstack.bench.jmh;

import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each JMH benchmark still compiles, starts and measures something: one in-process iteration of 100 ms, no
 * warm-up worth the name. It measures nothing worth reading; {@code bench/run.sh} does.
 */
class BenchmarkSmokeTest {

	@ParameterizedTest
	@ValueSource(classes = { CookieSealingBenchmark.class, RequestCheckBenchmark.class })
	void everyBenchmarkOfTheClassRunsOnceAndProducesAScore(Class<?> benchmark) throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder()
			.include("^" + Pattern.quote(benchmark.getName()) + "\\.")
			.forks(0)
			.warmupIterations(1)
			.warmupTime(TimeValue.milliseconds(100))
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.verbosity(VerboseMode.SILENT)
			.build()).run();

		assertThat(results).hasSize((int) Arrays.stream(benchmark.getMethods())
			.filter((method) -> method.isAnnotationPresent(Benchmark.class))
			.count());
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
