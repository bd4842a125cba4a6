package io.authstack.bff.revocation;

import java.util.ArrayList;
import java.util.List;

import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.contract.AmqpNames;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue of the admin events that revoke users: shared by every BFF replica (they share Redis, so one of
 * them handling an event is enough), durable and quorum, bound to the realm's user-changing admin operations
 * on {@value AmqpNames#EVENTS_EXCHANGE}.
 */
@Configuration(proxyBeanMethods = false)
class AdminEventsConfiguration {

	private static final List<String> OPERATIONS = List.of("ADMIN_UPDATE", "ADMIN_DELETE", "ADMIN_ACTION");

	@Bean
	Queue adminEventsQueue(RevocationProperties properties) {
		QueueBuilder queue = QueueBuilder.durable(properties.adminEventsQueue()).quorum();
		if (properties.adminEventsQueueExpiry() != null) {
			queue.expires((int) properties.adminEventsQueueExpiry().toMillis());
		}
		return queue.build();
	}

	@Bean
	Declarables adminEventBindings(Queue adminEventsQueue, KeycloakProperties keycloak) {
		TopicExchange events = ExchangeBuilder.topicExchange(AmqpNames.EVENTS_EXCHANGE).durable(true).build();
		String realm = keycloak.realm();
		List<Binding> bindings = OPERATIONS.stream()
			.map((operation) -> BindingBuilder.bind(adminEventsQueue).to(events).with(AmqpNames.eventRoutingKey(realm, operation)))
			.toList();
		List<Declarable> declarables = new ArrayList<>(bindings);
		declarables.add(0, events);
		return new Declarables(declarables);
	}

}
