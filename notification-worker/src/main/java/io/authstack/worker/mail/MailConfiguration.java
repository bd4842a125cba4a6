package io.authstack.worker.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import io.authstack.worker.topology.ConfirmedPublisher;
import io.authstack.worker.topology.EmailTopologyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	private static final String TEMPLATES = "mail/";

	@Bean
	EmailTemplateRenderer emailTemplateRenderer(WorkerMailProperties mail) {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename(TEMPLATES + "messages");
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		// A locale we have no text for gets the default bundle, not the JVM's locale.
		messages.setFallbackToSystemLocale(false);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(templateResolver(TemplateMode.HTML, "*.html", 1));
		engine.addTemplateResolver(templateResolver(TemplateMode.TEXT, "*.txt", 2));
		engine.setTemplateEngineMessageSource(messages);
		return new EmailTemplateRenderer(engine, messages, mail.productName(), mail.defaultLocale());
	}

	private static ClassLoaderTemplateResolver templateResolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix(TEMPLATES);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	@Bean
	EmailComposer emailComposer(JavaMailSender mailSender, EmailTemplateRenderer renderer, WorkerMailProperties mail) {
		return new EmailComposer(mailSender, renderer, mail.from());
	}

	@Bean
	EmailClaims emailClaims(StringRedisTemplate redis, WorkerMailProperties mail) {
		return new EmailClaims(redis, mail.claimLease(), mail.sentRetention());
	}

	@Bean
	EmailMetrics emailMetrics(MeterRegistry registry) {
		return new EmailMetrics(registry);
	}

	@Bean
	FailedEmails failedEmails(ConfirmedPublisher publisher, EmailTopologyProperties topology, EmailMetrics metrics,
			Clock clock) {
		return new FailedEmails(publisher, topology, metrics, clock);
	}

	@Bean
	EmailListener emailListener(JsonMapper jsonMapper, EmailClaims claims, EmailComposer composer,
			JavaMailSender mailSender, FailedEmails failedEmails, EmailMetrics metrics, Clock clock) {
		// Fields a later contract version adds are ignored, whatever the application's mapper says.
		JsonMapper contractReader = jsonMapper.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		return new EmailListener(contractReader, claims, composer, mailSender, failedEmails, metrics, clock);
	}

	@Bean
	SimpleMessageListenerContainer emailListenerContainer(SimpleRabbitListenerContainerFactory factory,
			EmailListener listener, EmailTopologyProperties topology, WorkerMailProperties mail) {
		SimpleMessageListenerContainer container = factory.createListenerContainer();
		container.setQueueNames(topology.queue());
		container.setMessageListener(listener);
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setConcurrentConsumers(mail.concurrency());
		container.setPrefetchCount(mail.prefetch());
		return container;
	}

}
