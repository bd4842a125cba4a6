package io.authstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server the launcher starts in a session of its own, so that it outlives the launcher, and finds
 * again later through {@code <name>.pid} in the state folder.
 */
final class DetachedProcess {

	private final String name;

	private final Path stateDir;

	DetachedProcess(String name, Path stateDir) {
		this.name = name;
		this.stateDir = stateDir;
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.stateDir.resolve("logs/" + this.name + ".log");
	}

	Optional<ServerProcess> running() {
		try {
			if (!Files.isRegularFile(pidFile())) {
				return Optional.empty();
			}
			return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()))
				.filter(ProcessHandle::isAlive)
				.map((process) -> new ServerProcess(this.name, process, log()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** Starts {@code command} with its output in {@link #log()} and records its process id. */
	ServerProcess start(List<String> command, Map<String, String> environment) {
		List<String> detached = new ArrayList<>(List.of("setsid"));
		detached.addAll(command);
		try {
			Files.createDirectories(log().getParent());
			ProcessBuilder builder = new ProcessBuilder(detached).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
			builder.environment().putAll(environment);
			ProcessHandle process = builder.start().toHandle();
			remember(process.pid());
			return new ServerProcess(this.name, process, log());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
	}

	void remember(long pid) {
		try {
			Files.createDirectories(this.stateDir);
			Files.writeString(pidFile(), Long.toString(pid));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the process if it runs and forgets it; returns whether one was running. */
	boolean stop() {
		Optional<ServerProcess> process = running();
		process.ifPresent(ServerProcess::stop);
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return process.isPresent();
	}

	private Path pidFile() {
		return this.stateDir.resolve(this.name + ".pid");
	}

}
