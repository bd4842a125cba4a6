package io.authstack.bff.outbox;

import java.time.Instant;

import io.authstack.contract.EmailMessage;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the BFF's email jobs go: kept in Redis until RabbitMQ has confirmed them, and published by the
 * {@link OutboxRelay} on a thread of its own. Putting a job in is one Redis write, whatever RabbitMQ is doing: a
 * broker that is down, blocked by an alarm, nacking or returning makes no request slower and fails none; the job is
 * published once RabbitMQ takes it again. Redis down is the one failure the caller sees, as for every other Redis
 * call of the BFF.
 *
 * @see <a href="https://microservices.io/patterns/data/transactional-outbox.html">Transactional outbox</a>
 */
@Component
public final class EmailOutbox {

	/** The Redis key of the outbox: a sorted set of the jobs, scored by when each is due. */
	public static final String KEY = "outbox:email";

	private final OutboxStore store;

	private final OutboxRelay relay;

	private final JsonMapper json;

	EmailOutbox(OutboxStore store, OutboxRelay relay, JsonMapper json) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(relay, "relay cannot be null");
		Assert.notNull(json, "json cannot be null");
		this.store = store;
		this.relay = relay;
		this.json = json;
	}

	/**
	 * Keeps the job until RabbitMQ confirmed it (or it expired), and has the relay publish it now.
	 *
	 * @throws org.springframework.dao.DataAccessException when Redis did not take it
	 */
	public void put(EmailMessage email) {
		this.store.add(this.json.writeValueAsString(email), Instant.now());
		this.relay.runSoon();
	}

}
