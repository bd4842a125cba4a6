package io.authstack.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A process's peak resident set size, as Linux keeps it ({@code VmHWM} in {@code /proc/PID/status}).
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc_pid_status.5.html">proc_pid_status(5)</a>
 */
public final class PeakMemory {

	private PeakMemory() {
	}

	/**
	 * The largest peak RSS of a process and its descendants: a server started through a script ({@code kc.sh})
	 * is a child of it.
	 */
	public static OptionalLong ofTree(long pid) {
		return ProcessHandle.of(pid)
			.map((root) -> Stream.concat(Stream.of(root), root.descendants())
				.map((process) -> of(process.pid()))
				.filter(OptionalLong::isPresent)
				.mapToLong(OptionalLong::getAsLong)
				.max())
			.orElse(OptionalLong.empty());
	}

	/** The peak RSS in bytes; empty off Linux or once the process is gone. */
	public static OptionalLong of(long pid) {
		Path status = Path.of("/proc", Long.toString(pid), "status");
		if (!Files.isReadable(status)) {
			return OptionalLong.empty();
		}
		try {
			return Files.readAllLines(status)
				.stream()
				.filter((line) -> line.startsWith("VmHWM:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
				.findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + status, ex);
		}
	}

}
