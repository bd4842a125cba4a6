package io.authstack.worker.topology;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TopologyPublishingConfiguration {

	@Bean
	ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbitTemplate, PublishingProperties publishing) {
		return new ConfirmedPublisher(rabbitTemplate, publishing.confirmTimeout());
	}

}
