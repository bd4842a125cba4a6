package io.authstack.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's README lists every provider the jar registers, so that a new factory cannot ship undocumented.
 * The provider id is asked of the factory itself: some ids are no constant of theirs (an action-token handler's is
 * its token type).
 */
class ProvidersReadmeTest {

	/** Surefire runs in the module's folder. */
	private static final Path README = Path.of("README.md");

	private static final Path SERVICES = Path.of("src/main/resources/META-INF/services");

	@Test
	void readmeNamesEveryRegisteredFactoryAndItsProviderId() throws Exception {
		String readme = Files.readString(README);
		List<String> factories = registeredFactories();
		assertThat(factories).as("factories in %s", SERVICES).hasSizeGreaterThanOrEqualTo(8);

		SoftAssertions softly = new SoftAssertions();
		for (String className : factories) {
			Class<?> type = Class.forName(className);
			String providerId = ((ProviderFactory<?>) type.getDeclaredConstructor().newInstance()).getId();
			softly.assertThat(readme).as("README names factory %s", className).contains("`" + type.getSimpleName() + "`");
			softly.assertThat(readme).as("README names provider id of %s", className).contains("`" + providerId + "`");
		}
		softly.assertAll();
	}

	private static List<String> registeredFactories() throws IOException {
		try (Stream<Path> files = Files.list(SERVICES)) {
			return files.sorted().flatMap(ProvidersReadmeTest::lines).toList();
		}
	}

	private static Stream<String> lines(Path file) {
		try {
			return Files.readAllLines(file)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

}
