package io.authstack.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options authstack's Spring Boot services (the cookie BFF, the notification worker) run with, so that
 * their memory is bounded by what they need rather than by the machine's size: without them the JVM takes a
 * maximum heap of a quarter of the machine's memory and lets G1 grow into it under load. {@code ./authstack up}
 * ({@link Launcher}) and the benchmarks start the services with them; the Dockerfiles under {@code docker/} name
 * the same options (a test keeps them equal). The benchmarks' report measures the peak resident memory they
 * give under load.
 */
public final class ServiceJvm {

	/**
	 * A 64 MB heap (the services keep no state between requests: their live heap is about 30 MB), the serial
	 * collector (no G1 remembered sets or concurrent threads: on two cores and a small heap its young collections
	 * take a few milliseconds), a bound on class metadata (they use about 70 MB), and 512 KB thread stacks. The
	 * rest of their resident memory is JIT-compiled code, the compilers' arenas, symbols and the class data
	 * sharing archive, about 120 MB together.
	 */
	public static final List<String> MEMORY_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC",
			"-XX:MaxMetaspaceSize=128m", "-Xss512k");

	private ServiceJvm() {
	}

	/** {@link #MEMORY_OPTIONS}, then the given arguments of {@code java} (e.g. {@code -jar} and the jar). */
	public static List<String> withMemoryOptions(List<String> javaArguments) {
		List<String> arguments = new ArrayList<>(MEMORY_OPTIONS);
		arguments.addAll(javaArguments);
		return List.copyOf(arguments);
	}

}
