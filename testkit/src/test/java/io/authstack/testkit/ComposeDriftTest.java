package io.authstack.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code docker-compose.yml} cannot run here (no Docker engine), so this test holds it to what the apps
 * read: every variable it uses is documented in {@code .env.example}; every realm placeholder and every
 * setting the BFF's and the worker's {@code prod} profiles name is set on the right service (or listed in
 * {@code .env.example} as deliberately left out, {@code # optional: VARIABLE (service) why}); every service
 * is health-checked and waited for; Keycloak's image is built with the options the tests use. Each failure
 * names the variable or service that drifted.
 *
 * @see <a href="https://github.com/compose-spec/compose-spec/blob/main/spec.md">Compose specification</a>
 */
class ComposeDriftTest {

	private static final String KEYCLOAK = "keycloak";

	private static final String BFF = "cookie-bff";

	private static final String WORKER = "notification-worker";

	/** The services that may publish a port, all on loopback: the SPA/BFF, the admin console, the mail API. */
	private static final Set<String> PUBLISHED = Set.of(BFF, KEYCLOAK, "mailsink");

	/** {@code ${NAME...}} or {@code $NAME}, but not the escaped {@code $$}. */
	private static final Pattern COMPOSE_VARIABLE = Pattern
		.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

	/** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}, ... with what follows the name. */
	private static final Pattern COMPOSE_REFERENCE = Pattern
		.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

	/** Environment placeholders of the realm; lowercase ones like {@code ${username}} are Keycloak's messages. */
	private static final Pattern REALM_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	/** A client's {@code "secret": "${NAME}"} or {@code "secret": "${NAME:default}"}, with its default. */
	private static final Pattern REALM_CLIENT_SECRET = Pattern
		.compile("\"secret\"\\s*:\\s*\"\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}\"");

	/** An environment variable named in a profile's text: upper case with at least one underscore. */
	private static final Pattern ENVIRONMENT_NAME = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

	private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

	private static final Pattern OPTIONAL = Pattern
		.compile("^#\\s*optional:\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(([^)]+)\\)");

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEY)$");

	private static Path root;

	private static String composeText;

	private static Map<String, Object> services;

	private static List<String> envExample;

	@BeforeAll
	static void readFiles() throws IOException {
		root = Checkout.root();
		composeText = Files.readString(root.resolve("docker-compose.yml"));
		Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(composeText);
		services = map(compose.get("services"), "services");
		envExample = Files.readAllLines(root.resolve(".env.example"));
	}

	@Test
	void everyVariableTheComposeFileReadsIsDocumentedInEnvExample() {
		Set<String> documented = documentedVariables().keySet();
		Set<String> undocumented = new TreeSet<>(composeVariables());
		undocumented.removeAll(documented);
		assertThat(undocumented).as("variables docker-compose.yml reads that .env.example does not document").isEmpty();
	}

	@Test
	void everyVariableInEnvExampleIsReadByTheComposeFileAndExplained() {
		Set<String> unused = new TreeSet<>(documentedVariables().keySet());
		unused.removeAll(composeVariables());
		assertThat(unused).as(".env.example variables that docker-compose.yml never reads").isEmpty();

		List<String> unexplained = new ArrayList<>();
		for (int i = 0; i < envExample.size(); i++) {
			Matcher assignment = ASSIGNMENT.matcher(envExample.get(i));
			if (assignment.matches() && (i == 0 || !envExample.get(i - 1).startsWith("#"))) {
				unexplained.add(assignment.group(1));
			}
		}
		assertThat(unexplained).as(".env.example variables without a comment line above them").isEmpty();
	}

	@Test
	void everyRealmPlaceholderIsSetOnKeycloak() throws IOException {
		Set<String> placeholders = new TreeSet<>();
		try (var realms = Files.list(root.resolve("realm-config/src/main/realm"))) {
			for (Path realm : realms.filter((p) -> p.toString().endsWith(".json")).toList()) {
				placeholders.addAll(matches(REALM_PLACEHOLDER, Files.readString(realm)));
			}
		}
		assertThat(placeholders).as("the realm files' placeholders").isNotEmpty();
		assertThat(unset(placeholders, KEYCLOAK))
			.as("realm placeholders neither set on the keycloak service nor documented as optional")
			.isEmpty();
	}

	/**
	 * A client secret with a default in the realm file would be a published secret in every deployment that forgot
	 * to set it; compose must refuse to start instead, and the testkit supplies the development ones.
	 */
	@Test
	void realmClientSecretsHaveNoDefaultAndKeycloakRequiresThem() throws IOException {
		String realm = Files.readString(root.resolve("realm-config/src/main/realm/authstack-realm.json"));
		Matcher secret = REALM_CLIENT_SECRET.matcher(realm);
		Map<String, String> defaults = new TreeMap<>();
		while (secret.find()) {
			defaults.put(secret.group(1), String.valueOf(secret.group(2)));
		}
		Map<String, String> keycloak = environment(KEYCLOAK);

		assertThat(defaults).as("realm client secrets and their defaults")
			.containsOnlyKeys(AuthstackKeycloak.DEV_CLIENT_SECRETS.keySet())
			.allSatisfy((name, fallback) -> assertThat(fallback).as(name + "'s default").isEqualTo("null"));
		assertThat(defaults.keySet())
			.allSatisfy((name) -> assertThat(keycloak.get(name)).as(name + " on keycloak").startsWith("${" + name + ":?"));
	}

	@Test
	void everySettingTheBffProdProfileNamesIsSetOnTheBff() throws IOException {
		Path config = firstExisting("cookie-bff/src/main/resources/application.yml",
				"cookie-bff/src/main/resources/application.yaml", "cookie-bff/src/main/resources/application-prod.yml",
				"cookie-bff/src/main/resources/application-prod.yaml");
		assumeTrue(config != null, "cookie-bff has no application.yml on this branch yet");
		Set<String> named = environmentNames(prodProfile(config));
		assertThat(named).as("the BFF's prod profile's environment variables").contains("AUTHSTACK_JWE_KEY");
		assertThat(unset(named, BFF)).as("settings of the BFF's prod profile neither set on the " + BFF
				+ " service nor documented as optional").isEmpty();
	}

	@Test
	void everySettingTheWorkerProdProfileNamesIsSetOnTheWorker() throws IOException {
		Path config = root.resolve("notification-worker/src/main/resources/application-prod.yaml");
		Set<String> named = environmentNames(Files.readString(config));
		assertThat(named).as("the worker's prod profile's environment variables").contains("SPRING_RABBITMQ_HOST");
		assertThat(unset(named, WORKER)).as("settings of the worker's prod profile neither set on the " + WORKER
				+ " service nor documented as optional").isEmpty();
	}

	@Test
	void springServicesRunTheirProdProfile() {
		for (String service : List.of(BFF, WORKER)) {
			assertThat(environment(service)).as(service + " SPRING_PROFILES_ACTIVE")
				.containsEntry("SPRING_PROFILES_ACTIVE", "prod");
		}
	}

	@Test
	void everyServiceHasAHealthcheckAndWaitsForHealthyDependencies() {
		assertThat(services).containsKeys("postgres", "redis", "rabbitmq", "mailsink", KEYCLOAK, BFF, WORKER, "demo-api");
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(definition, name);
			Object healthcheck = service.get("healthcheck");
			assertThat(healthcheck).as("healthcheck of service " + name).isNotNull();
			Map<String, Object> check = map(healthcheck, name + ".healthcheck");
			assertThat(check.get("disable")).as("healthcheck.disable of service " + name).isNotEqualTo(true);
			assertThat(check.get("test")).as("healthcheck.test of service " + name).isNotNull();
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				assertThat(dependsOn).as("depends_on of service " + name + " must name a condition per dependency")
					.isInstanceOf(Map.class);
				map(dependsOn, name + ".depends_on").forEach((dependency, options) -> assertThat(
						map(options, name + ".depends_on." + dependency).get("condition"))
					.as("condition of " + name + " depends_on " + dependency)
					.isEqualTo("service_healthy"));
			}
		});
	}

	@Test
	void secretsHaveNoDefaultInTheComposeFile() {
		Matcher reference = COMPOSE_REFERENCE.matcher(composeText);
		Set<String> withDefault = new TreeSet<>();
		while (reference.find()) {
			String name = reference.group(1);
			String operator = reference.group(2);
			String value = reference.group(3);
			boolean secret = SECRET_NAME.matcher(name).matches();
			boolean realDefault = operator != null && operator.endsWith("-") && !value.isEmpty()
					&& !value.startsWith("dev-only-");
			if (secret && realDefault) {
				withDefault.add(name);
			}
		}
		assertThat(withDefault).as("secret variables with a default value in docker-compose.yml").isEmpty();

		Set<String> secretsWithValue = new TreeSet<>();
		documentedVariables().forEach((name, value) -> {
			if (SECRET_NAME.matcher(name).matches() && !value.isEmpty() && !value.startsWith("dev-only-")) {
				secretsWithValue.add(name);
			}
		});
		assertThat(secretsWithValue).as("secret variables with a value in .env.example").isEmpty();
	}

	@Test
	void onlyTheBffKeycloakAndMailApiArePublishedOnLoopback() {
		services.forEach((name, definition) -> {
			Object ports = map(definition, name).get("ports");
			if (ports == null) {
				return;
			}
			assertThat(PUBLISHED).as("services allowed to publish ports").contains(name);
			for (Object port : (List<?>) ports) {
				assertThat(String.valueOf(port)).as("port of service " + name).startsWith("127.0.0.1:");
			}
		});
	}

	@Test
	void keycloakImageIsBuiltWithTheOptionsTheTestsUse() throws IOException {
		String dockerfile = Files.readString(root.resolve("docker/keycloak/Dockerfile"));
		String buildLine = dockerfile.lines()
			.filter((line) -> line.startsWith("RUN ") && line.contains("kc.sh build"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("docker/keycloak/Dockerfile runs no kc.sh build"));
		Set<String> options = Arrays.stream(buildLine.split("\\s+"))
			.filter((word) -> word.startsWith("--"))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(options).as("kc.sh build options of docker/keycloak/Dockerfile versus AuthstackKeycloak.BUILD_OPTIONS")
			.isEqualTo(new TreeSet<>(AuthstackKeycloak.BUILD_OPTIONS));
		assertThat(dockerfile).as("docker/keycloak/Dockerfile")
			.contains("keycloak-providers/target/keycloak-providers.jar /opt/keycloak/providers/")
			.contains("realm-config/src/main/realm/*.json /opt/keycloak/data/import/")
			.contains("\"start\", \"--optimized\", \"--import-realm\"");
	}

	@Test
	void keycloakGetsAFingerprintKeyOfItsOwnNotTheDevelopmentOne() {
		// Without it the device-risk authenticator keys its device fingerprints with a key published in this repository.
		assertThat(environment(KEYCLOAK).get("KC_SPI_AUTHENTICATOR__DEVICE_RISK__FINGERPRINT_KEY"))
			.as("keycloak KC_SPI_AUTHENTICATOR__DEVICE_RISK__FINGERPRINT_KEY")
			.startsWith("${AUTHSTACK_DEVICE_FINGERPRINT_KEY:?");
	}

	@Test
	void imagesUseTheVersionsThePomPins() throws IOException {
		String pom = Files.readString(root.resolve("pom.xml"));
		String keycloakVersion = pomProperty(pom, "keycloak.version");
		String greenMailVersion = pomProperty(pom, "greenmail.version");
		String dockerfile = Files.readString(root.resolve("docker/keycloak/Dockerfile"));
		List<String> keycloakImages = dockerfile.lines()
			.filter((line) -> line.startsWith("FROM quay.io/keycloak/keycloak:"))
			.toList();
		assertThat(keycloakImages).as("Keycloak images in docker/keycloak/Dockerfile").isNotEmpty();
		keycloakImages.forEach((line) -> assertThat(line.split("\\s+")[1]).as("Keycloak image versus keycloak.version")
			.isEqualTo("quay.io/keycloak/keycloak:" + keycloakVersion));
		assertThat(map(services.get("mailsink"), "mailsink").get("image")).as("mail sink image versus greenmail.version")
			.isEqualTo("greenmail/standalone:" + greenMailVersion);
	}

	/** Each variable not in the service's environment and not listed as optional for it. */
	private static Set<String> unset(Set<String> variables, String service) {
		Set<String> set = environment(service).keySet();
		Map<String, Set<String>> optional = optionalVariables();
		Set<String> missing = new TreeSet<>();
		for (String variable : variables) {
			if (!set.contains(variable) && !optional.getOrDefault(variable, Set.of()).contains(service)) {
				missing.add(variable);
			}
		}
		return missing;
	}

	private static Map<String, String> environment(String service) {
		Object environment = map(services.get(service), service).get("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> variables.put(String.valueOf(key), String.valueOf(value)));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] parts = String.valueOf(entry).split("=", 2);
				variables.put(parts[0], (parts.length == 2) ? parts[1] : "");
			}
		}
		return variables;
	}

	/** Variables docker-compose.yml interpolates (compose does not interpolate its comments, nor do we). */
	private static Set<String> composeVariables() {
		String withoutComments = composeText.lines()
			.filter((line) -> !line.stripLeading().startsWith("#"))
			.collect(Collectors.joining("\n"));
		Set<String> variables = new TreeSet<>();
		Matcher matcher = COMPOSE_VARIABLE.matcher(withoutComments);
		while (matcher.find()) {
			variables.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
		}
		return variables;
	}

	/** {@code NAME=value} lines of .env.example. */
	private static Map<String, String> documentedVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : envExample) {
			Matcher assignment = ASSIGNMENT.matcher(line);
			if (assignment.matches()) {
				variables.put(assignment.group(1), assignment.group(2));
			}
		}
		return variables;
	}

	/** {@code # optional: NAME (service, service) why} lines of .env.example. */
	private static Map<String, Set<String>> optionalVariables() {
		Map<String, Set<String>> optional = new LinkedHashMap<>();
		for (String line : envExample) {
			Matcher matcher = OPTIONAL.matcher(line);
			if (matcher.find()) {
				Set<String> servicesOfVariable = Arrays.stream(matcher.group(2).split(","))
					.map(String::strip)
					.collect(Collectors.toCollection(LinkedHashSet::new));
				optional.put(matcher.group(1), servicesOfVariable);
			}
		}
		return optional;
	}

	/** The YAML document of a multi-document config that activates on the prod profile. */
	private static String prodProfile(Path config) throws IOException {
		String text = Files.readString(config);
		if (config.getFileName().toString().startsWith("application-prod.")) {
			return text;
		}
		return Arrays.stream(text.split("(?m)^---\\s*$"))
			.filter((document) -> document.matches("(?s).*on-profile:\\s*prod\\b.*"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(config + " has no document for the prod profile"));
	}

	private static Set<String> environmentNames(String profile) {
		return matches(ENVIRONMENT_NAME, profile);
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add((matcher.groupCount() > 0) ? matcher.group(1) : matcher.group());
		}
		return found;
	}

	private static String pomProperty(String pom, String name) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
		assertThat(matcher.find()).as("property " + name + " in pom.xml").isTrue();
		return matcher.group(1).strip();
	}

	private static Path firstExisting(String... candidates) {
		return Arrays.stream(candidates).map(root::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String what) {
		assertThat(value).as(what).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
