package io.authstack.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadResultTest {

	@Test
	void percentilesAreNearestRankOfTheLatenciesInAnyOrder() {
		long[] latencies = LongStream.rangeClosed(1, 200).map((i) -> 201 - i).map((ms) -> ms * 1_000_000).toArray();

		LoadResult result = LoadResult.of("calls", latencies, Map.of("HTTP 503", 3L), Duration.ofSeconds(2), Map.of());

		assertThat(result.calls()).isEqualTo(200);
		assertThat(result.failureCount()).isEqualTo(3);
		assertThat(result.p50()).isEqualTo(Duration.ofMillis(100));
		assertThat(result.p99()).isEqualTo(Duration.ofMillis(198));
		assertThat(result.throughput()).isEqualTo(100.0);
	}

	@Test
	void aScenarioWithoutSuccessfulCallsHasZeroLatenciesAndThroughput() {
		LoadResult result = LoadResult.of("calls", new long[0], Map.of("HTTP 503", 5L), Duration.ofSeconds(1), Map.of());

		assertThat(result.p50()).isZero();
		assertThat(result.p99()).isZero();
		assertThat(result.throughput()).isZero();
	}

	@Test
	void serverCpuIsSharedOverEveryCallMadeFailedOrNot() {
		long[] latencies = LongStream.rangeClosed(1, 195).map((ms) -> ms * 1_000_000).toArray();

		LoadResult result = LoadResult.of("calls", latencies, Map.of("HTTP 503", 5L), Duration.ofSeconds(2),
				Map.of("BFF", Duration.ofMillis(400), "Keycloak", Duration.ofMillis(700)));

		assertThat(result.serverCpuPerCall()).containsExactlyInAnyOrderEntriesOf(
				Map.of("BFF", Duration.ofMillis(2), "Keycloak", Duration.ofNanos(3_500_000)));
	}

}
