package io.authstack.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The CPU time the servers under load spend, as the kernel accounts it per process ({@code utime + stime} in
 * {@code /proc/PID/stat}, through {@link ProcessHandle.Info#totalCpuDuration()}), read before and after each
 * measured round. Divided by the round's calls it says what one call costs each server: on a machine where the
 * client and every server share the CPUs, that cost, not the latency of one hop, is what bounds a throughput ratio.
 */
public final class ServerCpu {

	private final Map<String, Supplier<Stream<ProcessHandle>>> servers;

	private ServerCpu(Map<String, Supplier<Stream<ProcessHandle>>> servers) {
		this.servers = servers;
	}

	public static ServerCpu none() {
		return new ServerCpu(Map.of());
	}

	/** Also counts the process's descendants: a server started through a script ({@code kc.sh}) is a child of it. */
	public ServerCpu with(String name, long pid) {
		return with(name, () -> ProcessHandle.of(pid)
			.map((process) -> Stream.concat(Stream.of(process), process.descendants()))
			.orElseGet(Stream::empty));
	}

	/** Every process whose executable is named {@code executable}: a server the machine runs, such as Redis. */
	public ServerCpu withExecutable(String name, String executable) {
		return with(name, () -> ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().filter((path) -> path.endsWith("/" + executable)).isPresent()));
	}

	/** The CPU time each server has used so far; a server whose processes cannot be read counts zero. */
	public Map<String, Duration> used() {
		Map<String, Duration> used = new LinkedHashMap<>();
		this.servers.forEach((name, processes) -> used.put(name, processes.get()
			.map((process) -> process.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus)));
		return used;
	}

	/** The CPU time each server used between two readings of {@link #used()}. */
	public static Map<String, Duration> between(Map<String, Duration> before, Map<String, Duration> after) {
		Map<String, Duration> spent = new LinkedHashMap<>();
		after.forEach((name, total) -> spent.put(name, total.minus(before.getOrDefault(name, Duration.ZERO))));
		return spent;
	}

	private ServerCpu with(String name, Supplier<Stream<ProcessHandle>> processes) {
		Map<String, Supplier<Stream<ProcessHandle>>> servers = new LinkedHashMap<>(this.servers);
		servers.put(name, processes);
		return new ServerCpu(servers);
	}

}
