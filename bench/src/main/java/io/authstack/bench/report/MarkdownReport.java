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
import java.util.Set;
import java.util.stream.Collectors;

import io.authstack.bench.load.EmailDelivery;
import io.authstack.bench.load.LoadResult;
import io.authstack.bench.load.StackLoadBenchmarks;
import io.authstack.testkit.ServiceJvm;

/**
 * Writes {@code BENCHMARKS.md}: the machine, the versions, every figure beside its baseline and the ratio of the
 * two, each ratio against its target from issue 9, and how to reproduce it all.
 */
final class MarkdownReport {

	static final String COMMAND = "bench/run.sh";

	static final String RELAY_ONLY_COMMAND = COMMAND + " " + BenchmarkReport.RELAY_ONLY;

	private static final long RSS_TARGET_BYTES = 256L * 1024 * 1024;

	/** The processes with an RSS target; others are context. */
	private static final Set<String> OUR_SERVICES = Set.of("cookie-bff", "notification-worker");

	private static final String SEAL_BOUND = "What bounds it: the JWE framing around the same JCA AES-GCM calls, that is "
			+ "base64url of the ciphertext (encoded once, decoded once), the IV, the tag and the fixed header, and the "
			+ "strict checks of each part on opening.";

	private static final String SESSION_BOUND = "What bounds it: the session check adds, per request, the cookie opening "
			+ "and RS256 verification measured by JMH above, one Redis round trip (revocation) and the fingerprint "
			+ "hash; the health endpoint does none of it. The client, the BFF, Keycloak and Redis share the same CPUs, so "
			+ "that CPU is taken straight from serving requests: the ratio is bounded by health cost ÷ (health cost + "
			+ "check cost) on a CPU-bound machine.";

	private static final String KEYCLOAK_BOUND = "What bounds it: on loopback Keycloak's userinfo is itself a cheap "
			+ "call (a token check and a user read from its cache), and it runs on the same CPUs as the BFF and the "
			+ "client. The last column of the table shows what one call costs each server; the client's own cost per "
			+ "call, the same for every row, comes on top. A throughput ratio between two calls that each cost a "
			+ "fraction of a millisecond on shared CPUs stays close to 1 whatever the servers do. The 20× target "
			+ "assumes Keycloak across a network with its database in the path.";

	private static final String HOP_BOUND = "What bounds it is the CPU the two sides share. A call through the BFF "
			+ "costs what the direct call costs Keycloak plus the BFF's own work (last column): for a refresh, the "
			+ "request in and the call out, four Redis commands (the deny-list check, the rotation lock, the shared "
			+ "result, the deny-listed token), one cookie opened and three sealed, the new access token verified. With "
			+ "the client, the BFF, Keycloak and Redis on the same two cores, throughput follows the sum of those "
			+ "costs, so the ratio cannot pass Keycloak's share of it; where the BFF has CPUs of its own it adds "
			+ "latency (the p50 difference), not load. Keycloak's CPU per refresh reads about 1 ms higher through the "
			+ "BFF; that is not more work per call (a sequential client measured the same Keycloak CPU per refresh with "
			+ "and without the headers the BFF forwards) but CPU that follows time rather than calls, spread over fewer "
			+ "calls in the slower scenario: after minutes of refresh load Keycloak's JIT compiler threads still took a "
			+ "fifth of its CPU. Found and fixed by profiling this pair: the BFF called Keycloak "
			+ "through the JDK's asynchronous `HttpClient`, whose selector and worker threads cost about 0.8 ms of CPU "
			+ "per call (now `HttpURLConnection` on the request's thread, about 40 % less CPU per refresh in the BFF); "
			+ "the Redis client Lettuce handed each command to a Netty event loop and back, about 0.55 ms of CPU per "
			+ "refresh (now Jedis, on the request's thread: about 27 % less CPU per refresh in the BFF); and the 5 s "
			+ "warm-up measured a BFF whose C2 compiler threads were still busy (the warm-up now runs until the "
			+ "throughput is steady).";

	private static final String RELAY_BOUND = "What bounds it is the CPU all sides share. A relayed call costs the "
			+ "demo API what the direct call costs it, plus the BFF's own work (last column), which on loopback is "
			+ "more than the API's: the demo API's whole job per call is one JWT check against cached keys and a small "
			+ "JSON answer, and the relay puts a second server, with its own session check and a second HTTP "
			+ "exchange, in front of it. With the client, the BFF, the API, Keycloak and Redis on the same two cores, "
			+ "throughput follows the sum of those costs, so the ratio cannot pass the API's share of it; where the "
			+ "BFF has CPUs of its own it adds latency (the p50 difference), not load. The demo API's and Keycloak's "
			+ "CPU per call read higher in the relayed rows: CPU that follows time rather than calls (JIT compilers, "
			+ "timers), spread over fewer calls in the slower scenario, as in pair 2.";

	private static final String RELAY_CPU_BOUND = "What bounds it: a relayed call runs the whole session check that "
			+ "`GET /api/auth/session` runs, and then a second HTTP exchange, out to the API and back; an exchange "
			+ "alone costs the BFF about what its unauthenticated health endpoint does (pair 1), far more than the "
			+ "0.3 × session check that 1.3× leaves. A JFR profile of the BFF under this pair (`jcmd PID JFR.start "
			+ "settings=profile`, 2026-12-03, 482 samples in the relay's handler) splits the handler into the "
			+ "session check 53 %, Apache HttpClient's request and response 20 %, the gateway's own work (its header "
			+ "filters and the copy of the proxied request, `ServerRequest.from`) 16 %, and the cached exchanged token "
			+ "8 % (a Redis read, and opening the sealed value: a JWE decryption); the kernel's time for "
			+ "the second pair of sockets comes on top, unseen by JFR. A proxy of our own on the same HttpClient "
			+ "could save at most the gateway's share, so the relay stays on the gateway (docs/DESIGN.md).";

	private static final String RSS_BOUND = "What bounds it is the JVM's memory besides the heap. Under this load "
			+ "`-XX:NativeMemoryTracking=summary` (`jcmd PID VM.native_memory summary`) counts class metadata at about "
			+ "62 MB (some 12 700 classes: Spring Boot, Jackson, Hibernate Validator, Tomcat, Spring Data Redis, the "
			+ "RabbitMQ client), JIT-compiled code at up to 50 MB (the profiled tier's code peaks at about 32 MB before "
			+ "C2 replaces it), symbols and the class data sharing archive at about 28 MB, beside the 64 MB heap; the "
			+ "BFF holds about 210 MB right after start-up. Applied: the Redis client Jedis instead of Lettuce (no "
			+ "Netty or Reactor: 1 600 classes and about 25 MB of peak fewer), two malloc arenas "
			+ "(`MALLOC_ARENA_MAX=2`, about 13 MB) and no Redis repository support. Tried, and not worth it: a 48 MB "
			+ "heap and C2 alone (`-XX:-TieredCompilation`) moved the peak by less than the 13 MB two runs of the same "
			+ "settings differ by; C1 alone (`-XX:TieredStopAtLevel=1`) saves about 50 MB but makes the per-request "
			+ "check 4× slower (JMH: 86 µs → 357 µs), because the RSA arithmetic's intrinsics are C2's.";

	private static final String RISK_BOUND = "What bounds it: per login the check hashes the device fingerprint "
			+ "(HMAC-SHA256 of request headers), reads the user's known devices (a user attribute) and the recent "
			+ "failures, and leaves a note on the session from which the LOGIN event listener records the device when "
			+ "it is new or its record stale (keycloak-providers, package `io.authstack.keycloak.risk`).";

	private static final String WORKER_BOUND = "What bounds it: per email the worker adds, around the same SMTP send, "
			+ "the AMQP delivery and ack, JSON parsing, two Redis calls (claim, mark sent) and Thymeleaf rendering of "
			+ "the HTML and text bodies, on the same two CPUs as RabbitMQ, Redis and the sink.";

	private static final String STALL = "A tail here is new: the 5 s stalls of earlier runs (requests to Keycloak "
			+ "waiting 5.0 to 5.3 s, all those in flight at once, about every 5 s, with Keycloak's threads idle) came "
			+ "from `::1` in Keycloak's `--proxy-trusted-addresses` (testkit `AuthstackKeycloak`), which now lists "
			+ "127.0.0.1 alone. The BFF's read timeout is 5 s: such a stall becomes its 503 `upstream_unavailable` "
			+ "(bench/target/cookie-bff.log).";

	private final StringBuilder out = new StringBuilder();

	private final List<String> misses = new ArrayList<>();

	String render(Instant started, Duration took, Machine machine, Properties versions, List<String> loadAverages,
			JmhFigures jmh, int sealedBytes, StackLoadBenchmarks.Results load, String loadSettings,
			String emailSettings) {
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
		line("- The email pair (5) counts emails per second from the first job published to the last message the SMTP "
				+ "sink stored (" + emailSettings + "); both sides open one SMTP connection per message.");
		line("- The realm ships as it is; what the load needs the bench sets through the admin REST API at run time. "
				+ "Brute-force detection is switched off: it locks a user who logs in hundreds of times a second "
				+ "(`user_temporarily_disabled`); both sides of each pair run alike. Pair 3 switches the device-risk "
				+ "execution of the direct grant flow off and on again between rounds. Keycloak is asked "
				+ "through userinfo with a token of the same user and client (scope `openid`): the BFF's own token has no "
				+ "`openid` scope (userinfo answers 403) and Keycloak's introspection refuses a client outside the "
				+ "token's audience.");
		line("- Targets are issue 9's. The client, the BFF, Keycloak, PostgreSQL and Redis all share the machine's "
				+ "CPUs, so a server-to-server ratio also measures who got the CPU. The last column says where it "
				+ "went: the CPU time each server process spent in the measured rounds (utime + stime from "
				+ "`/proc/PID/stat`), divided by the calls. A call through the BFF costs the BFF's share plus what the "
				+ "direct call costs Keycloak; once the CPUs are saturated, throughput follows the sum.");
		line();
		machine(machine, versions, loadAverages);
		jmh(jmh, sealedBytes);
		load(load);
		misses();
		return this.out.toString();
	}

	/**
	 * The relay pair alone ({@link #RELAY_ONLY_COMMAND}), for iterating on the relay: the same section as in the full
	 * report, with its own machine, load averages and misses. It never replaces {@code BENCHMARKS.md}.
	 */
	String renderRelayOnly(Instant started, Duration took, Machine machine, Properties versions,
			List<String> loadAverages, List<LoadResult> relay, String loadSettings) {
		line("# authstack benchmarks: the relay pair alone");
		line();
		line("Generated " + started.truncatedTo(ChronoUnit.SECONDS) + " in " + took.toMinutes() + " min by `"
				+ RELAY_ONLY_COMMAND + "`. Load: a closed-loop Java `HttpClient` generator on loopback (" + loadSettings
				+ "), the scenarios in alternating rounds.");
		line();
		machine(machine, versions, loadAverages);
		line("## Load against the running stack");
		line();
		relay(relay);
		misses();
		return this.out.toString();
	}

	private void machine(Machine machine, Properties versions, List<String> loadAverages) {
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
	}

	private void misses() {
		line("## Targets missed, and anomalies, in this run");
		line();
		if (this.misses.isEmpty()) {
			line("None.");
		}
		else {
			this.misses.forEach((miss) -> line("- " + miss));
		}
		line();
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
				+ target(sealRatio <= 1.5, "≤ 1.5×", "Cookie seal+open: " + ratio(sealRatio) + " raw AES-GCM", SEAL_BOUND) + " |");
		JmhFigures.Score hit = jmh.score("openCookieAndVerifyToken");
		JmhFigures.Score miss = jmh.score("openCookieAndVerifyUnseenToken");
		JmhFigures.Score open = jmh.score("rawAesGcmOpen");
		JmhFigures.Score rsa = jmh.score("rawRs256Verify");
		line("| Per-request check without Redis, token verified before: open cookie + read envelope + the remembered "
				+ "token's `exp` vs. one raw JCA AES-256-GCM open of as many bytes | " + score(hit) + " | " + score(open)
				+ " | " + ratio(hit.value() / open.value()) + " | none (context) |");
		line("| Per-request check without Redis, token not seen before: open cookie + read envelope + verify RS256 JWT "
				+ "(JWK converted once, claims) vs. one raw AES-256-GCM open + one raw JCA SHA256withRSA verification | "
				+ score(miss) + " | " + score(open) + " + " + score(rsa) + " | "
				+ ratio(miss.value() / (open.value() + rsa.value())) + " | none (context) |");
		line();
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
				+ target(vsHealth >= 0.7, "≥ 0.7×",
				"Session check: " + ratio(vsHealth) + " the unauthenticated endpoint's throughput", SESSION_BOUND) + ".");
		for (LoadResult keycloak : load.session().subList(2, load.session().size())) {
			double vsKeycloak = session.throughput() / keycloak.throughput();
			line("- Session check ÷ " + keycloak.scenario() + ": " + ratio(vsKeycloak) + " throughput, "
					+ ratio(millis(session.p50()) / millis(keycloak.p50())) + " p50 latency; target ≥ 20×: "
					+ target(vsKeycloak >= 20, "≥ 20×",
					"Session check: " + ratio(vsKeycloak) + " Keycloak's throughput", KEYCLOAK_BOUND) + ".");
		}
		line();
		pair("2. Refresh through the BFF vs. Keycloak's refresh grant", load.refresh(), 0.8, "refresh");
		pair("3. Login through the BFF vs. Keycloak's password grant, with and without the device-risk check",
				load.login(), 0.8, "login");
		LoadResult withRisk = load.login().get(1);
		LoadResult withoutRisk = load.login().get(2);
		double riskShare = 1 - withRisk.throughput() / withoutRisk.throughput();
		line("- The device-risk check's share of a direct login: " + percent(riskShare)
				+ ((riskShare < 0) ? ", below this run's noise" : "") + " (1 − throughput with it ÷ without it; p50 "
				+ millis(withRisk.p50(), withoutRisk.p50()) + "); target ≤ 10 %: "
				+ target(riskShare <= 0.10, "≤ 10 %", "Device-risk check: " + percent(riskShare) + " of a login",
						RISK_BOUND) + ".");
		line();
		relay(load.relay());
		email(load.email());
		line("### 6. Peak resident memory after the load");
		line();
		line("| Process | Peak RSS (VmHWM) | Target |");
		line("|---|---|---|");
		for (Map.Entry<String, OptionalLong> rss : load.peakRss().entrySet()) {
			OptionalLong bytes = rss.getValue();
			boolean ours = OUR_SERVICES.contains(rss.getKey());
			String text = bytes.isPresent() ? String.format(Locale.ROOT, "%.0f MB", bytes.getAsLong() / 1048576.0)
					: "unknown";
			String targetText = !ours ? "none (context)" : bytes.isPresent()
					? target(bytes.getAsLong() <= RSS_TARGET_BYTES, "≤ 256 MB", rss.getKey() + " peak RSS " + text,
							RSS_BOUND)
					: "≤ 256 MB";
			line("| " + rss.getKey() + " | " + text + " | " + targetText + " |");
		}
		line();
		line("The BFF, the demo API and the worker run with `" + String.join(" ", ServiceJvm.MEMORY_OPTIONS) + "`, as `./authstack "
				+ "up` and the Docker images start them (testkit `ServiceJvm`). Keycloak runs as `kc.sh` starts it.");
		line();
	}

	private void relay(List<LoadResult> results) {
		line("### 4. An API call relayed by the BFF vs. the same API called directly");
		line();
		table(results);
		LoadResult relayed = results.get(0);
		LoadResult direct = results.get(1);
		LoadResult session = results.get(2);
		double ratio = relayed.throughput() / direct.throughput();
		line("- Relayed ÷ direct: " + ratio(ratio) + " throughput, " + ratio(millis(relayed.p50()) / millis(direct.p50()))
				+ " p50 latency; target ≥ 0.8×: " + target(ratio >= 0.8, "≥ 0.8×",
						"Relayed API call: " + ratio(ratio) + " the direct call's throughput", RELAY_BOUND) + ".");
		Duration relayCpu = bffCpuPerCall(relayed);
		Duration sessionCpu = bffCpuPerCall(session);
		double cpu = millis(relayCpu) / millis(sessionCpu);
		line("- The BFF's CPU per relayed call ÷ per session check: " + ratio(cpu) + " ("
				+ millis(relayCpu, sessionCpu) + "); target ≤ 1.3×: " + target(cpu <= 1.3, "≤ 1.3×",
						"BFF CPU per relayed call: " + ratio(cpu) + " its CPU per session check", RELAY_CPU_BOUND)
				+ ".");
		line();
	}

	private static Duration bffCpuPerCall(LoadResult result) {
		return result.serverCpuPerCall().getOrDefault("BFF", Duration.ZERO);
	}

	private void email(List<EmailDelivery.Result> results) {
		line("### 5. Notification worker vs. a plain JavaMail loop");
		line();
		line("| Scenario | Emails | Seconds | Emails/s | Emails/s ÷ first row |");
		line("|---|---|---|---|---|");
		double first = results.get(0).perSecond();
		for (EmailDelivery.Result result : results) {
			line(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %s |", result.scenario(), result.emails(),
					result.elapsed().toNanos() / 1e9, result.perSecond(), ratio(result.perSecond() / first)));
		}
		line();
		double ratio = first / results.get(1).perSecond();
		line("- Worker ÷ plain loop: " + ratio(ratio) + " emails per second; target ≥ 0.8×: "
				+ target(ratio >= 0.8, "≥ 0.8×", "Worker: " + ratio(ratio) + " the plain JavaMail loop's emails/s",
						WORKER_BOUND) + ".");
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
				+ target(ratio >= targetRatio, "≥ " + targetRatio + "×",
				what + " through the BFF: " + ratio(ratio) + " direct", HOP_BOUND) + ".");
		line();
	}

	private void table(List<LoadResult> results) {
		tableRows(results);
		for (LoadResult result : results) {
			double tail = millis(result.p99()) / Math.max(millis(result.p50()), 0.001);
			if (result.calls() > 0 && tail > 20) {
				String stall = result.scenario() + ": p99 is " + ratio(tail) + " its p50";
				line("- **Long tail** — " + stall + ". A few calls stall far beyond the rest, which drags this "
						+ "scenario's throughput down; ratios against it are flattered by that and need the stall explained.");
				this.misses.add("**" + stall + "** (no target, but the ratios against it are unreliable). " + STALL);
			}
		}
		line();
	}

	private void tableRows(List<LoadResult> results) {
		line("| Scenario | Calls | Failed | Calls/s | p50 | p99 | Calls/s ÷ first row | Server CPU per call |");
		line("|---|---|---|---|---|---|---|---|");
		double first = results.get(0).throughput();
		for (LoadResult result : results) {
			line(String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %.2f ms | %.2f ms | %s | %s |", result.scenario(),
					result.calls(), failures(result), result.throughput(), millis(result.p50()), millis(result.p99()),
					ratio(result.throughput() / first), serverCpu(result)));
		}
		line();
	}

	/** The servers that spent at least 0.01 ms per call, heaviest first. */
	private static String serverCpu(LoadResult result) {
		String spent = result.serverCpuPerCall()
			.entrySet()
			.stream()
			.filter((server) -> millis(server.getValue()) >= 0.005)
			.sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
			.map((server) -> String.format(Locale.ROOT, "%s %.2f ms", server.getKey(), millis(server.getValue())))
			.collect(Collectors.joining(", "));
		return spent.isEmpty() ? "—" : spent;
	}

	private static String failures(LoadResult result) {
		if (result.failures().isEmpty()) {
			return "0";
		}
		return result.failureCount() + " (" + result.failures()
			.entrySet()
			.stream()
			.map((failure) -> failure.getValue() + "× " + failure.getKey())
			.collect(Collectors.joining(", ")) + ")";
	}

	private String target(boolean met, String target, String what, String bound) {
		if (!met) {
			this.misses.add("**" + what + "** (target " + target + "). " + bound);
		}
		return (met ? "met" : "**missed**") + " (" + target + ")";
	}

	private static String score(JmhFigures.Score score) {
		return String.format(Locale.ROOT, "%.2f ± %.2f %s", score.value(), score.error(), score.unit());
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, (ratio >= 10) ? "%.0f×" : "%.2f×", ratio);
	}

	private static String percent(double share) {
		return String.format(Locale.ROOT, "%.1f %%", share * 100);
	}

	private static String millis(Duration first, Duration second) {
		return String.format(Locale.ROOT, "%.2f ms vs. %.2f ms", millis(first), millis(second));
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
