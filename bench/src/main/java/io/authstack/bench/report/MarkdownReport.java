package io.authstack.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import io.authstack.bench.load.LoadResult;
import io.authstack.bench.load.StackLoadBenchmarks;

/**
 * Writes {@code BENCHMARKS.md}: the machine, the versions, every figure beside its baseline and the ratio of the
 * two, each ratio against its target from issue 9, and how to reproduce it all.
 */
final class MarkdownReport {

	static final String COMMAND = "bench/run.sh";

	private static final long RSS_TARGET_BYTES = 256L * 1024 * 1024;

	private final StringBuilder out = new StringBuilder();

	private final List<String> misses = new ArrayList<>();

	String render(Instant started, Duration took, Machine machine, Properties versions, List<String> loadAverages,
			JmhFigures jmh, int sealedBytes, StackLoadBenchmarks.Results load, String loadSettings) {
		line("# authstack benchmarks");
		line();
		line("Generated " + started.truncatedTo(ChronoUnit.SECONDS) + " in " + took.toMinutes() + " min by `" + COMMAND
				+ "`. To reproduce, run `" + COMMAND + "` at the root of a checkout with PostgreSQL, Redis and RabbitMQ "
				+ "on localhost (see the README); it builds what it needs, runs everything and rewrites this file.");
		line();
		line("## How to read it");
		line();
		line("- Every figure stands beside a **baseline measured in the same run on the same machine**, and the "
				+ "**ratio** of the two is what to compare across runs and machines. Absolute numbers are context: "
				+ "they depend on the machine and on what else ran on it (see the load averages below).");
		line("- JMH figures are average times per operation (lower is better), ± the 99.9 % confidence "
				+ "half-interval; the ratio is ours ÷ baseline, so ≤ the target is good.");
		line("- Load figures come from a closed-loop Java `HttpClient` generator on loopback (" + loadSettings
				+ "). Scenarios of one pair run in alternating rounds so noise falls on all alike. Throughput is "
				+ "successful calls per second; the ratio is ours ÷ baseline, so ≥ the target is good. Latencies "
				+ "include the generator's own time on the same CPUs.");
		line("- Targets are issue 9's. The client, the BFF, Keycloak, PostgreSQL and Redis all share the machine's "
				+ "CPUs, so a server-to-server ratio also measures who got the CPU.");
		line();
		line("## Machine");
		line();
		line("| | |");
		line("|---|---|");
		line("| CPUs (`nproc`) | " + machine.cpus() + " |");
		line("| CPU | " + machine.cpuModel() + " |");
		line("| Memory | " + machine.memory() + " |");
		line("| OS | " + machine.os() + " |");
		line("| Java | " + machine.java() + " |");
		line("| Load average (1/5/15 min) | " + String.join("; ", loadAverages) + " |");
		line();
		line("## Versions");
		line();
		line("| | |");
		line("|---|---|");
		for (String name : List.of("authstack", "keycloak", "spring-boot", "nimbus-jose-jwt", "jmh")) {
			line("| " + name + " | " + versions.getProperty(name, "unknown") + " |");
		}
		line();
		jmh(jmh, sealedBytes);
		load(load);
		line("## Not measured yet");
		line();
		line("- Issue 9's pair 4 (notification worker: emails/s from RabbitMQ to the SMTP sink vs. a plain JavaMail "
				+ "loop) and the worker's peak RSS.");
		line("- Pair 3 with and without the device-risk authenticator: the login above runs the realm's flow as "
				+ "imported, whatever it holds.");
		line();
		line("## Targets missed in this run");
		line();
		if (this.misses.isEmpty()) {
			line("None.");
		}
		else {
			this.misses.forEach((miss) -> line("- " + miss));
		}
		line();
		return this.out.toString();
	}

	private void jmh(JmhFigures jmh, int sealedBytes) {
		line("## Per-request crypto (JMH)");
		line();
		line(jmh.settings() + ". The sealed plaintext is the access cookie's JSON envelope around a Keycloak-shaped "
				+ "RS256 access token: " + sealedBytes + " bytes.");
		line();
		line("| Measured | Ours | Baseline | Ratio | Target |");
		line("|---|---|---|---|---|");
		JmhFigures.Score sealer = jmh.score("cookieSealerSealAndOpen");
		JmhFigures.Score aes = jmh.score("rawAesGcmSealAndOpen");
		double sealRatio = sealer.value() / aes.value();
		line("| Seal + open an access cookie: `CookieSealer` (JWE dir+A256GCM, nimbus) vs. raw JCA AES-256-GCM over "
				+ "the same bytes | " + score(sealer) + " | " + score(aes) + " | " + ratio(sealRatio) + " | "
				+ target(sealRatio <= 1.5, "≤ 1.5×", "cookie seal+open") + " |");
		JmhFigures.Score check = jmh.score("openCookieAndVerifyToken");
		JmhFigures.Score rsa = jmh.score("rawRs256Verify");
		line("| Per-request check without Redis: open cookie + read envelope + verify RS256 JWT (cached JWK, "
				+ "claims) vs. one raw JCA SHA256withRSA verification | " + score(check) + " | " + score(rsa) + " | "
				+ ratio(check.value() / rsa.value()) + " | none (context) |");
		line();
		if (sealRatio > 1.5) {
			this.misses.add("Cookie seal+open is " + ratio(sealRatio) + " raw AES-GCM. What bounds it: the JWE adds a "
					+ "JSON header built and parsed per cookie, base64url of header, IV, ciphertext and tag both ways, "
					+ "and nimbus' per-call Cipher and key lookups; the raw baseline does none of that work.");
		}
	}

	private void load(StackLoadBenchmarks.Results load) {
		line("## Load against the running stack");
		line();
		line("### 1. Session check vs. an unauthenticated endpoint vs. Keycloak");
		line();
		table(load.session());
		LoadResult session = load.session().get(0);
		LoadResult health = load.session().get(1);
		double vsHealth = session.throughput() / health.throughput();
		line("- Session check ÷ unauthenticated health: " + ratio(vsHealth) + " throughput, "
				+ ratio(millis(session.p50()) / millis(health.p50())) + " p50 latency; target ≥ 0.7× throughput: "
				+ target(vsHealth >= 0.7, "≥ 0.7×", "session vs. health") + ".");
		for (LoadResult keycloak : load.session().subList(2, load.session().size())) {
			double vsKeycloak = session.throughput() / keycloak.throughput();
			line("- Session check ÷ " + keycloak.scenario() + ": " + ratio(vsKeycloak) + " throughput, "
					+ ratio(millis(session.p50()) / millis(keycloak.p50())) + " p50 latency; target ≥ 20×: "
					+ target(vsKeycloak >= 20, "≥ 20×", "session vs. " + keycloak.scenario()) + ".");
		}
		line();
		pair("2. Refresh through the BFF vs. Keycloak's refresh grant", load.refresh(), 0.8, "refresh");
		pair("3. Login through the BFF vs. Keycloak's password grant", load.login(), 0.8, "login");
		line("### 5. Peak resident memory after the load");
		line();
		line("| Process | Peak RSS (VmHWM) | Target |");
		line("|---|---|---|");
		for (Map.Entry<String, OptionalLong> rss : load.peakRss().entrySet()) {
			OptionalLong bytes = rss.getValue();
			boolean ours = rss.getKey().equals("cookie-bff");
			String text = bytes.isPresent() ? String.format(Locale.ROOT, "%.0f MB", bytes.getAsLong() / 1048576.0)
					: "unknown";
			String targetText = !ours ? "none (context)" : bytes.isPresent()
					? target(bytes.getAsLong() <= RSS_TARGET_BYTES, "≤ 256 MB", "BFF peak RSS " + text) : "≤ 256 MB";
			line("| " + rss.getKey() + " | " + text + " | " + targetText + " |");
		}
		line();
		line("The BFF runs with the JVM's default heap settings (no `-Xmx`), as `./authstack up` starts it.");
		line();
	}

	private void pair(String title, List<LoadResult> results, double targetRatio, String what) {
		line("### " + title);
		line();
		table(results);
		LoadResult ours = results.get(0);
		LoadResult direct = results.get(1);
		double ratio = ours.throughput() / direct.throughput();
		line("- BFF ÷ direct: " + ratio(ratio) + " throughput, " + ratio(millis(ours.p50()) / millis(direct.p50()))
				+ " p50 latency; target ≥ " + targetRatio + "×: "
				+ target(ratio >= targetRatio, "≥ " + targetRatio + "×", what + " through the BFF vs. direct") + ".");
		line();
	}

	private void table(List<LoadResult> results) {
		line("| Scenario | Calls | Failed | Calls/s | p50 | p99 | Calls/s ÷ first row |");
		line("|---|---|---|---|---|---|---|");
		double first = results.get(0).throughput();
		for (LoadResult result : results) {
			line(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f ms | %.2f ms | %s |", result.scenario(),
					result.calls(), result.failures(), result.throughput(), millis(result.p50()), millis(result.p99()),
					ratio(result.throughput() / first)));
		}
		line();
	}

	private String target(boolean met, String target, String what) {
		if (!met) {
			this.misses.add(what + ": target " + target + " missed.");
		}
		return (met ? "met" : "**missed**") + " (" + target + ")";
	}

	private static String score(JmhFigures.Score score) {
		return String.format(Locale.ROOT, "%.2f ± %.2f %s", score.value(), score.error(), score.unit());
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, (ratio >= 10) ? "%.0f×" : "%.2f×", ratio);
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	private void line() {
		this.out.append('\n');
	}

}
