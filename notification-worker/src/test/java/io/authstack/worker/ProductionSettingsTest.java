package io.authstack.worker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ProductionSettingsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ProductionSettings.class)
		.withPropertyValues("spring.profiles.active=prod");

	@Test
	void prodWithoutSettingsRefusesToStartNamingEachMissingOneAndItsVariable() {
		this.runner.withPropertyValues("spring.rabbitmq.host=rabbit.internal", "spring.data.redis.host=redis.internal")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring.rabbitmq.username (SPRING_RABBITMQ_USERNAME)")
				.hasMessageContaining("spring.rabbitmq.password (SPRING_RABBITMQ_PASSWORD)")
				.hasMessageContaining("spring.mail.host (SPRING_MAIL_HOST)")
				.hasMessageContaining("authstack.worker.mail.from (AUTHSTACK_WORKER_MAIL_FROM)")
				.hasMessageContaining("authstack.worker.operator.password (AUTHSTACK_WORKER_OPERATOR_PASSWORD)")
				.message()
				.doesNotContain("spring.rabbitmq.host")
				.doesNotContain("spring.data.redis.host"));
	}

	@Test
	void prodWithEverySettingStarts() {
		this.runner
			.withPropertyValues("spring.rabbitmq.host=rabbit.internal", "spring.rabbitmq.username=worker",
					"spring.rabbitmq.password=s3cret", "spring.data.redis.host=redis.internal",
					"spring.mail.host=smtp.internal", "authstack.worker.mail.from=no-reply@example.com",
					"authstack.worker.operator.password=an operator's long password")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void prodWithADevelopmentValueRefusesToStartNamingThePropertyNeverTheValue() {
		this.runner
			.withPropertyValues("spring.rabbitmq.host=rabbit.internal", "spring.rabbitmq.username=worker",
					"spring.rabbitmq.password=s3cret", "spring.data.redis.host=redis.internal",
					"spring.mail.host=smtp.internal", "authstack.worker.mail.from=no-reply@example.com",
					"authstack.worker.operator.password=an operator's long password",
					"authstack.worker.unverified-accounts.client-secret=dev-only-worker-client-secret-change-me",
					"spring.mail.password=Dev-Only-Mail")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("authstack.worker.unverified-accounts.client-secret, spring.mail.password")
				.message()
				.doesNotContain("change-me")
				.doesNotContain("Mail")
				.doesNotContain("spring.rabbitmq.password"));
	}

	@Test
	void devDoesNotCheck() {
		new ApplicationContextRunner().withUserConfiguration(ProductionSettings.class)
			.withPropertyValues("spring.profiles.active=dev")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProductionSettings.class));
	}

}
