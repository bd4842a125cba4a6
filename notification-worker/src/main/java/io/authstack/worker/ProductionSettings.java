package io.authstack.worker;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile, refuses to start while a setting with no safe default is missing (the
 * broker's and the SMTP server's addresses and credentials, the sender, the actuator operator's password),
 * naming each one and the environment variable that sets it. Spring Boot would otherwise fall back to
 * {@code guest/guest} on localhost. It also refuses any setting that holds a development value
 * ({@code dev-only-...}, such as the realm's development client secret), naming the property and never the value.
 */
@Component
@Profile("prod")
class ProductionSettings implements InitializingBean {

	static final List<String> REQUIRED = List.of("spring.rabbitmq.host", "spring.rabbitmq.username",
			"spring.rabbitmq.password", "spring.data.redis.host", "spring.mail.host", "authstack.worker.mail.from",
			"authstack.worker.operator.password");

	/** Marks every development secret and password we ship, e.g. {@code dev-only-worker-client-secret-change-me}. */
	static final String DEV_VALUE_MARK = "dev-only";

	private final ConfigurableEnvironment environment;

	ProductionSettings(ConfigurableEnvironment environment) {
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
		List<String> devValues = devValueProperties();
		if (!devValues.isEmpty()) {
			throw new IllegalStateException("The prod profile refuses development values (containing '" + DEV_VALUE_MARK
					+ "'), published in the repository, in: " + String.join(", ", devValues));
		}
	}

	/** Every property, from any source, whose value is a development one: named, never shown (logs keep it). */
	private List<String> devValueProperties() {
		return this.environment.getPropertySources()
			.stream()
			.filter(EnumerablePropertySource.class::isInstance)
			.flatMap((source) -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames())
				// The source's own value, its ${...} filled in; an unknown placeholder stays as it is.
				.filter((name) -> this.environment.resolvePlaceholders(String.valueOf(source.getProperty(name)))
					.toLowerCase(Locale.ROOT)
					.contains(DEV_VALUE_MARK)))
			.distinct()
			.sorted()
			.toList();
	}

}
