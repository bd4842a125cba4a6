package io.authstack.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's flow map names classes that exist: a newcomer who follows it finds the code. */
class FlowMapTest {

	private static final Pattern CLASS_NAME = Pattern.compile("`([A-Z][A-Za-z0-9]+)`");

	@Test
	void everyClassTheFlowMapNamesIsAClassOfTheMainCode() throws IOException {
		Path root = Checkout.root();
		List<String> named = namedClasses(flowMap(Files.readString(root.resolve("README.md"))));

		assertThat(named).hasSizeGreaterThan(30);
		assertThat(named).isSubsetOf(mainClasses(root));
	}

	/** The README's "Flow map" section, up to the next heading of its level. */
	private static String flowMap(String readme) {
		int start = readme.indexOf("\n## Flow map\n");
		assertThat(start).as("README section \"## Flow map\"").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, (end < 0) ? readme.length() : end);
	}

	private static List<String> namedClasses(String section) {
		Matcher names = CLASS_NAME.matcher(section);
		return names.results().map((match) -> match.group(1)).distinct().toList();
	}

	/** The simple names of the classes in every module's {@code src/main/java}. */
	private static Set<String> mainClasses(Path root) throws IOException {
		try (Stream<Path> modules = Files.list(root)) {
			return modules.map((module) -> module.resolve("src/main/java"))
				.filter(Files::isDirectory)
				.flatMap(FlowMapTest::javaFiles)
				.map((file) -> file.getFileName().toString().replaceFirst("\\.java$", ""))
				.collect(Collectors.toSet());
		}
	}

	private static Stream<Path> javaFiles(Path sources) {
		try {
			return Files.walk(sources).filter((file) -> file.toString().endsWith(".java")).toList().stream();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
