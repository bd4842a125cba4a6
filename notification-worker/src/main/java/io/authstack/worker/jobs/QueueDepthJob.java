package io.authstack.worker.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.authstack.worker.topology.EmailTopologyProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;

/**
 * Reads how many messages wait in the email, retry and parking queues and publishes them as the gauge
 * {@code authstack_worker_queue_depth{queue}}. Runs under a lock: the worker that last held it reports
 * fresh numbers (aggregate with {@code max by (queue)}).
 */
final class QueueDepthJob implements Runnable {

	static final String NAME = "queue-depth";

	private final AmqpAdmin amqpAdmin;

	private final List<String> queues;

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

	QueueDepthJob(AmqpAdmin amqpAdmin, EmailTopologyProperties topology, MeterRegistry registry) {
		this.amqpAdmin = amqpAdmin;
		this.registry = registry;
		List<String> queues = new ArrayList<>();
		queues.add(topology.queue());
		for (int attempt = 0; attempt < topology.retryDelays().size(); attempt++) {
			queues.add(topology.retryQueue(attempt));
		}
		queues.add(topology.parkingQueue());
		this.queues = List.copyOf(queues);
	}

	@Override
	public void run() {
		for (String queue : this.queues) {
			QueueInformation information = this.amqpAdmin.getQueueInfo(queue);
			if (information != null) {
				depth(queue).set(information.getMessageCount());
			}
		}
	}

	private AtomicLong depth(String queue) {
		return this.depths.computeIfAbsent(queue, (name) -> {
			AtomicLong depth = new AtomicLong();
			Gauge.builder("authstack.worker.queue.depth", depth, AtomicLong::get)
				.description("Messages ready in the queue when last read")
				.tag("queue", name)
				.register(this.registry);
			return depth;
		});
	}

}
