package io.authstack.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.authstack.bench.jmh.CookieSealingBenchmark;
import io.authstack.bench.load.EmailDelivery;
import io.authstack.bench.load.HttpLoad;
import io.authstack.bench.load.LoadResult;
import io.authstack.bench.load.StackLoadBenchmarks;
import io.authstack.testkit.AuthstackKeycloak;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/run.sh}: runs the JMH benchmarks, then the load pairs against Keycloak and the BFF, and writes
 * {@code BENCHMARKS.md} at the root of the checkout. With {@value #RELAY_ONLY} it runs the relay pair alone and
 * writes {@code bench/target/BENCHMARKS-relay.md}.
 */
public final class BenchmarkReport {

	private static final Logger logger = LoggerFactory.getLogger(BenchmarkReport.class);

	/** Client threads: a few per core, enough to keep two cores' worth of servers busy. */
	private static final int THREADS = 8;

	private static final int MAX_CALLS_PER_ROUND = 50_000;

	private static final Duration ROUND = Duration.ofSeconds(5);

	private static final int ROUNDS = 5;

	/** The longest warm-up of one scenario; it ends earlier once the throughput is steady ({@link HttpLoad}). */
	private static final Duration WARM_UP = Duration.ofMinutes(2);

	private static final int EMAILS_PER_ROUND = 400;

	/** The worker's default consumers, given to it explicitly and to the JavaMail loop as threads. */
	private static final int EMAIL_SENDERS = 4;

	/** The argument that runs the relay pair alone, into {@code bench/target/BENCHMARKS-relay.md}. */
	static final String RELAY_ONLY = "--only=relay";

	private BenchmarkReport() {
	}

	public static void main(String[] args) {
		int status = 1;
		try {
			if (List.of(args).contains(RELAY_ONLY)) {
				runRelayPair();
			}
			else {
				run();
			}
			status = 0;
		}
		catch (Exception | Error ex) {
			logger.error("Benchmarks failed; BENCHMARKS.md left as it was", ex);
		}
		finally {
			// The test kit's servers (fake Google, the RabbitMQ link) keep the JVM alive; its shutdown hooks stop
			// Keycloak and drop its database on the way out.
			System.exit(status);
		}
	}

	private static void run() throws Exception {
		Instant started = Instant.now();
		Properties versions = versions();
		Path root = root(versions);
		List<String> loadAverages = new ArrayList<>();
		loadAverages.add("at start " + Machine.loadAverage());
		logger.info("JMH benchmarks ...");
		JmhFigures jmh = JmhFigures.run();
		loadAverages.add("after JMH " + Machine.loadAverage());
		HttpLoad httpLoad = httpLoad();
		StackLoadBenchmarks.Results load = stackLoad(httpLoad).run(root);
		loadAverages.add("at end " + Machine.loadAverage());
		String loadSettings = httpLoad.settings();
		String emailSettings = EMAIL_SENDERS + " senders on each side, a warm-up round, then " + ROUNDS + " rounds of "
				+ EMAILS_PER_ROUND + " emails each";
		String markdown = new MarkdownReport().render(started, Duration.between(started, Instant.now()),
				Machine.current(), versions, loadAverages, jmh, CookieSealingBenchmark.plaintextBytes(), load,
				loadSettings, emailSettings);
		Path report = root.resolve("BENCHMARKS.md");
		Files.writeString(report, markdown);
		logger.info("Wrote {}", report);
	}

	/** Pair 4 alone, with the full run's load settings, written beside the build, never over BENCHMARKS.md. */
	private static void runRelayPair() throws Exception {
		Instant started = Instant.now();
		Properties versions = versions();
		Path root = root(versions);
		List<String> loadAverages = new ArrayList<>();
		loadAverages.add("at start " + Machine.loadAverage());
		HttpLoad httpLoad = httpLoad();
		List<LoadResult> relay = stackLoad(httpLoad).runRelayPair(root);
		loadAverages.add("at end " + Machine.loadAverage());
		String markdown = new MarkdownReport().renderRelayOnly(started, Duration.between(started, Instant.now()),
				Machine.current(), versions, loadAverages, relay, httpLoad.settings());
		Path report = root.resolve("bench/target/BENCHMARKS-relay.md");
		Files.writeString(report, markdown);
		logger.info("Wrote {}", report);
	}

	private static StackLoadBenchmarks stackLoad(HttpLoad httpLoad) {
		return new StackLoadBenchmarks(httpLoad, new EmailDelivery(EMAILS_PER_ROUND, ROUNDS, EMAIL_SENDERS));
	}

	private static HttpLoad httpLoad() {
		return new HttpLoad(THREADS, MAX_CALLS_PER_ROUND, ROUND, ROUNDS, WARM_UP);
	}

	private static Path root(Properties versions) {
		if (System.getProperty("authstack.keycloak.dist") == null) {
			System.setProperty("authstack.keycloak.dist", versions.getProperty("keycloak-dist"));
		}
		return AuthstackKeycloak.ofThisCheckout().root();
	}

	private static Properties versions() {
		Properties versions = new Properties();
		try (InputStream in = BenchmarkReport.class.getResourceAsStream("/bench-versions.properties")) {
			if (in == null) {
				throw new IllegalStateException("bench-versions.properties missing: build with ./mvnw -pl bench -am package");
			}
			versions.load(in);
			return versions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
