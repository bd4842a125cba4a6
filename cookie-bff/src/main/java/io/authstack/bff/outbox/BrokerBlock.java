package io.authstack.bff.outbox;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionBlockedEvent;
import org.springframework.amqp.rabbit.connection.ConnectionUnblockedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether RabbitMQ has blocked the BFF's connection ({@code connection.blocked}: a memory or disk alarm). A blocked
 * connection still takes frames but reads none of them: a publish is never confirmed, and a channel open waits for
 * an answer that does not come. So while blocked the relay does not touch the channel, and the jobs wait in the
 * outbox. A connection that closed while blocked blocks nothing: the next one starts unblocked.
 *
 * @see <a href="https://www.rabbitmq.com/docs/connection-blocked">RabbitMQ: blocked connection notifications</a>
 * @see <a href="https://www.rabbitmq.com/docs/alarms">RabbitMQ: memory and disk alarms</a>
 */
@Component
final class BrokerBlock {

	private static final Logger logger = LoggerFactory.getLogger(BrokerBlock.class);

	private final AtomicReference<Connection> blocked = new AtomicReference<>();

	private volatile Runnable onUnblocked = () -> {
	};

	boolean isBlocked() {
		Connection connection = this.blocked.get();
		return connection != null && connection.isOpen();
	}

	/** What to do once RabbitMQ reads again (the relay publishes what waited). */
	void onUnblocked(Runnable action) {
		this.onUnblocked = action;
	}

	@EventListener
	void blocked(ConnectionBlockedEvent event) {
		this.blocked.set(event.getConnection());
		logger.warn("RabbitMQ blocked the connection ({}): email jobs wait in the outbox", event.getReason());
	}

	@EventListener
	void unblocked(ConnectionUnblockedEvent event) {
		this.blocked.set(null);
		logger.info("RabbitMQ unblocked the connection: the outbox relay publishes what waited");
		this.onUnblocked.run();
	}

}
