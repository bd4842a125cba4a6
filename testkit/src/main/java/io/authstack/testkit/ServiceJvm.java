package io.authstack.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options and environment authstack's Spring Boot services (the cookie BFF, the notification worker) run
 * with, so that their memory is bounded by what they need rather than by the machine's size: without them the JVM
 * takes a maximum heap of a quarter of the machine's memory and lets G1 grow into it under load. {@code ./authstack
 * up} ({@link Launcher}) and the benchmarks start the services with them; the Dockerfiles under {@code docker/} set
 * the same as {@code ENV} defaults ({@code JDK_JAVA_OPTIONS}, which the {@code java} launcher reads, so that ops can
 * change them without rebuilding the image; a test keeps them equal). The benchmarks' report measures the peak
 * resident memory they give under load.
 */
public final class ServiceJvm {

	/**
	 * A 64 MB heap (the services keep no state between requests: their live heap is about 30 MB), the serial
	 * collector (no G1 remembered sets or concurrent threads: on two cores and a small heap its young collections
	 * take a few milliseconds), a bound on class metadata (they use about 75 MB), and 512 KB thread stacks. Besides
	 * the heap a service holds about 160 MB after start-up and about 230 MB under load: class metadata, JIT-compiled
	 * code and the compilers' arenas, symbols, the class data sharing archive ({@code BENCHMARKS.md}).
	 */
	public static final List<String> MEMORY_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC",
			"-XX:MaxMetaspaceSize=128m", "-Xss512k");

	/**
	 * At most two glibc malloc arenas. glibc gives each thread that allocates natively (the JIT compilers, the GC,
	 * the services' I/O threads) an arena of its own, up to eight per core, and keeps their freed memory: with two,
	 * the BFF's peak RSS under load was 13 MB lower, at no measurable cost in throughput.
	 */
	public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

	private ServiceJvm() {
	}

	/** {@link #MEMORY_OPTIONS}, then the given arguments of {@code java} (e.g. {@code -jar} and the jar). */
	public static List<String> withMemoryOptions(List<String> javaArguments) {
		List<String> arguments = new ArrayList<>(MEMORY_OPTIONS);
		arguments.addAll(javaArguments);
		return List.copyOf(arguments);
	}

}
