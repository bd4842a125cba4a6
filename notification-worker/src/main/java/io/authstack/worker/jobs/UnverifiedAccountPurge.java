package io.authstack.worker.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the accounts whose email stayed unverified longer than configured: sign-ups nobody confirmed
 * hold an address (maybe someone else's) and a username. Service accounts, federated users and users
 * without an email are never touched. Counted as {@code authstack_worker_accounts_purged_total}.
 */
final class UnverifiedAccountPurge implements Runnable {

	static final String NAME = "purge-unverified-accounts";

	private static final Logger logger = LoggerFactory.getLogger(UnverifiedAccountPurge.class);

	private final KeycloakUsers users;

	private final Duration after;

	private final Clock clock;

	private final Counter purged;

	UnverifiedAccountPurge(KeycloakUsers users, Duration after, Clock clock, MeterRegistry registry) {
		this.users = users;
		this.after = after;
		this.clock = clock;
		this.purged = Counter.builder("authstack.worker.accounts.purged")
			.description("Accounts deleted because their email stayed unverified")
			.register(registry);
	}

	@Override
	public void run() {
		Instant cutoff = this.clock.instant().minus(this.after);
		List<String> stale = this.users.unverified()
			.stream()
			.filter((user) -> user.createdAt().isBefore(cutoff))
			.map(KeycloakUsers.UnverifiedUser::id)
			.toList();
		this.users.delete(stale);
		this.purged.increment(stale.size());
		logger.info("Deleted {} accounts left unverified since before {}: {}", stale.size(), cutoff, stale);
	}

}
