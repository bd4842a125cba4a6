package io.authstack.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import io.authstack.bench.load.EmailDelivery;
import io.authstack.bench.load.LoadResult;
import io.authstack.bench.load.StackLoadBenchmarks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

	private static final Machine MACHINE = new Machine(2, "Test CPU", "1024 kB", "Linux", "Java 17");

	@Test
	void reportGivesEachFigureBesideItsBaselineWithTheRatioAndTheReproducingCommand() {
		String markdown = render(jmh(20, 10), throughput(700, 1000), OptionalLong.of(100L * 1024 * 1024));

		assertThat(markdown).contains("`bench/run.sh`")
			.contains("| CPUs (`nproc`) | 2 |")
			.contains("load 1/5/15")
			.contains("| 20.00 ± 1.00 us/op | 10.00 ± 1.00 us/op | 2.00× | **missed** (≤ 1.5×) |")
			.contains("Session check ÷ unauthenticated health: 0.70× throughput")
			.contains("| cookie-bff | 100 MB | met (≤ 256 MB) |")
			.contains("| notification-worker | 120 MB | met (≤ 256 MB) |")
			.contains("The device-risk check's share of a direct login: 4.8 %")
			.contains("Worker ÷ plain loop: 0.90× emails per second; target ≥ 0.8×: met")
			.contains("Relayed ÷ direct: 0.90× throughput")
			.contains("The BFF's CPU per relayed call ÷ per session check: 1.50× (0.60 ms vs. 0.40 ms); target ≤ 1.3×: "
					+ "**missed** (≤ 1.3×)");
		assertThat(markdown.substring(markdown.indexOf("## Targets missed"))).contains(
				"**BFF CPU per relayed call: 1.50× its CPU per session check** (target ≤ 1.3×)")
			.doesNotContain("Relayed API call:");
	}

	@Test
	void theRelayPairAloneHasItsOwnMachineLoadAveragesAndMisses() {
		Properties versions = new Properties();
		String markdown = new MarkdownReport().renderRelayOnly(Instant.parse("2026-01-01T00:00:00Z"),
				Duration.ofMinutes(6), MACHINE, versions, List.of("at start 1.00 2.00 3.00"), relay(), "test settings");

		assertThat(markdown).contains("`bench/run.sh --only=relay`")
			.contains("| Load average (1/5/15 min) | at start 1.00 2.00 3.00 |")
			.contains("### 4. An API call relayed by the BFF vs. the same API called directly")
			.contains("## Targets missed, and anomalies, in this run")
			.doesNotContain("### 1.");
	}

	@Test
	void everyMissedTargetIsListedWithWhatBoundsIt() {
		String markdown = render(jmh(12, 10), throughput(500, 1000), OptionalLong.of(300L * 1024 * 1024));

		String misses = markdown.substring(markdown.indexOf("## Targets missed, and anomalies, in this run"));
		assertThat(misses).contains("**Session check: 0.50× the unauthenticated endpoint's throughput** (target ≥ 0.7×)")
			.contains("**cookie-bff peak RSS 300 MB** (target ≤ 256 MB)")
			.contains("What bounds it")
			.doesNotContain("Cookie seal+open");
	}

	private static String render(JmhFigures jmh, StackLoadBenchmarks.Results load) {
		Properties versions = new Properties();
		versions.setProperty("keycloak", "26.7.3");
		return new MarkdownReport().render(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(9), MACHINE,
				versions, List.of("load 1/5/15"), jmh, 1596, load, "test settings", "email settings");
	}

	private static String render(JmhFigures jmh, List<LoadResult> session, OptionalLong bffRss) {
		List<LoadResult> pair = List.of(result("BFF", 900), result("direct", 1000));
		List<LoadResult> logins = List.of(result("BFF", 90), result("direct", 100), result("direct, no risk check", 105));
		List<EmailDelivery.Result> emails = List.of(new EmailDelivery.Result("worker", 90, Duration.ofSeconds(1)),
				new EmailDelivery.Result("loop", 100, Duration.ofSeconds(1)));
		return render(jmh, new StackLoadBenchmarks.Results(session, pair, logins, relay(), emails,
				Map.of("cookie-bff", bffRss, "notification-worker", OptionalLong.of(120L * 1024 * 1024))));
	}

	/** Relayed at 0.9× the direct call, at 0.6 ms of the BFF's CPU per call against 0.4 ms per session check. */
	private static List<LoadResult> relay() {
		return List.of(result("relayed", 900, Duration.ofMillis(540)), result("direct", 1000, Duration.ZERO),
				result("session", 1000, Duration.ofMillis(400)));
	}

	private static LoadResult result(String scenario, long callsPerSecond, Duration bffCpu) {
		return new LoadResult(scenario, callsPerSecond, Map.of(), Duration.ofSeconds(1), Duration.ofMillis(2),
				Duration.ofMillis(9), Map.of("BFF", bffCpu));
	}

	private static JmhFigures jmh(double sealer, double aes) {
		return new JmhFigures(Map.of("cookieSealerSealAndOpen", new JmhFigures.Score(sealer, 1, "us/op"),
				"rawAesGcmSealAndOpen", new JmhFigures.Score(aes, 1, "us/op"), "openCookieAndVerifyToken",
				new JmhFigures.Score(20, 1, "us/op"), "openCookieAndVerifyUnseenToken",
				new JmhFigures.Score(100, 1, "us/op"), "rawAesGcmOpen", new JmhFigures.Score(3, 1, "us/op"),
				"rawRs256Verify", new JmhFigures.Score(50, 1, "us/op")), "test settings");
	}

	private static List<LoadResult> throughput(long session, long health) {
		return List.of(result("session", session), result("health", health), result("Keycloak userinfo", session / 30));
	}

	private static LoadResult result(String scenario, long callsPerSecond) {
		return new LoadResult(scenario, callsPerSecond, Map.of(), Duration.ofSeconds(1), Duration.ofMillis(2),
				Duration.ofMillis(9), Map.of("BFF", Duration.ofMillis(callsPerSecond)));
	}

}
