package io.authstack.bff.account;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Makes an answer take at least a fixed time, so that "the account exists, an email was queued" and "no such
 * account" cannot be told apart by a stopwatch. The floor sits above the slower path's usual time; the work is
 * also kept alike on both paths (a lookup on each, a Keycloak password check on both register paths).
 *
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V6.3.8</a>
 */
final class ResponseFloor {

	private final long deadline;

	private ResponseFloor(long deadline) {
		this.deadline = deadline;
	}

	static ResponseFloor of(Duration minimum) {
		return new ResponseFloor(System.nanoTime() + minimum.toNanos());
	}

	/** Waits out what is left of the floor (nothing when the work took longer). */
	void await() {
		long remaining = this.deadline - System.nanoTime();
		if (remaining <= 0) {
			return;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(remaining);
		}
		catch (InterruptedException ex) {
			// Shutting down: answer now rather than hold the thread.
			Thread.currentThread().interrupt();
		}
	}

}
