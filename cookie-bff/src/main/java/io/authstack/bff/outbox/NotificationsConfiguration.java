package io.authstack.bff.outbox;

import io.authstack.contract.AmqpNames;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange the email jobs go to, declared exactly as the worker and Keycloak's provider declare it
 * (durable topic): whoever starts first creates it, and the broker accepts the identical re-declarations.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

	@Bean
	TopicExchange notificationsExchange() {
		return ExchangeBuilder.topicExchange(AmqpNames.NOTIFICATIONS_EXCHANGE).durable(true).build();
	}

}
