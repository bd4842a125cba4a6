package io.authstack.worker;

import io.authstack.worker.topology.EmailTopologyProperties;
import jakarta.annotation.PreDestroy;

import org.springframework.amqp.core.AmqpAdmin;

/**
 * Deletes this run's exchange and queues once the listener containers have stopped. A plain class,
 * imported by {@link WorkerIntegrationTest}: component scanning must not find it in other contexts.
 */
final class RunTopologyCleanup {

	private final AmqpAdmin amqpAdmin;

	private final EmailTopologyProperties topology;

	RunTopologyCleanup(AmqpAdmin amqpAdmin, EmailTopologyProperties topology) {
		this.amqpAdmin = amqpAdmin;
		this.topology = topology;
	}

	@PreDestroy
	void deleteRunTopology() {
		this.amqpAdmin.deleteQueue(this.topology.queue());
		this.amqpAdmin.deleteQueue(this.topology.parkingQueue());
		for (int attempt = 0; attempt < this.topology.retryDelays().size(); attempt++) {
			this.amqpAdmin.deleteQueue(this.topology.retryQueue(attempt));
		}
		this.amqpAdmin.deleteExchange(this.topology.exchange());
		this.amqpAdmin.deleteExchange(this.topology.eventsExchange());
		WorkerIntegrationTest.smtp.close();
	}

}

