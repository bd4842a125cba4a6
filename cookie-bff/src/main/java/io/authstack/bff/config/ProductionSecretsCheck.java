package io.authstack.bff.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start the {@code prod} profile while a secret or a deployment-specific setting is missing,
 * naming every one at once (rather than the first one a binding happens to trip over), or while any setting
 * holds a development value ({@code dev-only-...}, such as a client secret copied from the dev profile). The
 * {@code prod} profile has no defaults for them on purpose: a dev key in production is a silent disaster.
 */
public final class ProductionSecretsCheck implements EnvironmentPostProcessor, Ordered {

	/** Each required property, with the environment variable that sets it in {@code application-prod.yml}. */
	static final Map<String, String> REQUIRED = requiredSettings();

	/** Marks every development secret, key and password we ship, e.g. {@code dev-only-bff-client-secret-change-me}. */
	static final String DEV_VALUE_MARK = "dev-only";

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
		List<String> devValues = devValueProperties(environment);
		if (!devValues.isEmpty()) {
			throw new IllegalStateException("The prod profile refuses development values (containing '" + DEV_VALUE_MARK
					+ "'), published in the repository, in: " + String.join(", ", devValues));
		}
	}

	/**
	 * Every property, from any source, whose value contains {@link #DEV_VALUE_MARK}: named, never shown, as the
	 * message lands in logs.
	 */
	static List<String> devValueProperties(ConfigurableEnvironment environment) {
		Set<String> found = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					// The source's own value with its ${...} filled in (application-prod.yml maps variables so);
					// resolvePlaceholders leaves an unknown one as it is instead of failing the start.
					String value = environment.resolvePlaceholders(String.valueOf(source.getProperty(name)));
					if (value.toLowerCase(Locale.ROOT).contains(DEV_VALUE_MARK)) {
						found.add(name);
					}
				}
			}
		}
		return List.copyOf(found);
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
		required.put("authstack.bff.operator.password", "AUTHSTACK_BFF_OPERATOR_PASSWORD");
		return java.util.Collections.unmodifiableMap(required);
	}

}
