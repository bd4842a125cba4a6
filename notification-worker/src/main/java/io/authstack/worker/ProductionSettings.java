package io.authstack.worker;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile, refuses to start while a setting with no safe default is missing (the
 * broker's and the SMTP server's addresses and credentials, the sender), naming each one and the
 * environment variable that sets it. Spring Boot would otherwise fall back to {@code guest/guest} on
 * localhost.
 */
@Component
@Profile("prod")
class ProductionSettings implements InitializingBean {

	static final List<String> REQUIRED = List.of("spring.rabbitmq.host", "spring.rabbitmq.username",
			"spring.rabbitmq.password", "spring.data.redis.host", "spring.mail.host", "authstack.worker.mail.from");

	private final Environment environment;

	ProductionSettings(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		List<String> missing = REQUIRED.stream()
			.filter((key) -> !this.environment.containsProperty(key)
					|| this.environment.getProperty(key, "").isBlank())
			.map((key) -> key + " (" + key.toUpperCase().replace('.', '_').replace("-", "") + ")")
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException(
					"The prod profile needs these settings, which have no default: " + String.join(", ", missing));
		}
	}

}
