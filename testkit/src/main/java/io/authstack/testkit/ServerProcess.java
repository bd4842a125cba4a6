package io.authstack.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server running as an operating-system process: waited for until its health endpoint answers, and
 * stopped gracefully (SIGTERM), forcibly after a timeout.
 *
 * @param name what the server is, for messages
 * @param process the process
 * @param log where its output goes, named in every failure
 */
public record ServerProcess(String name, ProcessHandle process, Path log) {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Waits until {@code health} answers 200; fails early, naming the log, if the process dies. */
	public void awaitHealthy(URI health, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!answersOk(health)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited during start-up, see " + this.log);
			}
			if (Instant.now().isAfter(deadline)) {
				stop();
				throw new IllegalStateException(this.name + " not healthy after " + timeout + ", see " + this.log);
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
		}
	}

	public void stop() {
		this.process.destroy();
		try {
			this.process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			this.process.destroyForcibly();
		}
	}

	public static boolean answersOk(URI uri) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
