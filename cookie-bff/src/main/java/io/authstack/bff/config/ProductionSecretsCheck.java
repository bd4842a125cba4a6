package io.authstack.bff.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code prod} profile while a secret or a deployment-specific setting is missing,
 * naming every one at once (rather than the first one a binding happens to trip over). The {@code prod}
 * profile has no defaults for them on purpose: a dev key in production is a silent disaster.
 */
public final class ProductionSecretsCheck implements EnvironmentPostProcessor, Ordered {

	/** Each required property, with the environment variable that sets it in {@code application-prod.yml}. */
	static final Map<String, String> REQUIRED = requiredSettings();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.matchesProfiles("prod")) {
			return;
		}
		List<String> missing = new ArrayList<>();
		REQUIRED.forEach((property, variable) -> {
			String value = environment.getProperty(property);
			if (value == null || value.isBlank()) {
				missing.add(variable + " (" + property + ")");
			}
		});
		if (!missing.isEmpty()) {
			throw new IllegalStateException(
					"The prod profile needs these settings, which are missing: " + String.join(", ", missing));
		}
	}

	@Override
	public int getOrder() {
		// After the config files are read, so that application-prod.yml's mappings are visible.
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static Map<String, String> requiredSettings() {
		Map<String, String> required = new LinkedHashMap<>();
		required.put("authstack.bff.cookie.keys[0].secret", "AUTHSTACK_JWE_KEY");
		required.put("authstack.bff.keycloak.client-secret", "AUTHSTACK_BFF_CLIENT_SECRET");
		required.put("authstack.bff.keycloak.issuer", "AUTHSTACK_KEYCLOAK_ISSUER");
		required.put("authstack.bff.account.admin-client-secret", "AUTHSTACK_BFF_ADMIN_CLIENT_SECRET");
		required.put("authstack.bff.public-url", "AUTHSTACK_PUBLIC_URL");
		return java.util.Collections.unmodifiableMap(required);
	}

}
