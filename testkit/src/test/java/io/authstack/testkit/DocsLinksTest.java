package io.authstack.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README and of {@code docs/} resolves: the file exists, and a {@code #fragment} names
 * one of its headings as GitHub spells heading anchors. Moving a section cannot leave a dead link behind.
 */
class DocsLinksTest {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

	@Test
	void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
		Path root = Checkout.root();
		List<String> dead = new ArrayList<>();
		for (Path document : documents(root)) {
			Matcher links = LINK.matcher(Files.readString(document));
			while (links.find()) {
				String link = links.group(1);
				if (!link.matches("^[a-z]+:.*") && !resolves(document, link)) {
					dead.add(root.relativize(document) + ": " + link);
				}
			}
		}

		assertThat(dead).isEmpty();
	}

	@Test
	void theReadmeStaysANewcomersPage() throws IOException {
		assertThat(Files.size(Checkout.root().resolve("README.md"))).isLessThan(10 * 1024);
	}

	private static List<Path> documents(Path root) throws IOException {
		try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
			return Stream.concat(Stream.of(root.resolve("README.md")), docs.filter((p) -> p.toString().endsWith(".md")))
				.toList();
		}
	}

	private static boolean resolves(Path document, String link) throws IOException {
		int hash = link.indexOf('#');
		String file = (hash < 0) ? link : link.substring(0, hash);
		Path target = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
		if (!Files.exists(target)) {
			return false;
		}
		return hash < 0 || !target.toString().endsWith(".md") || anchors(target).contains(link.substring(hash + 1));
	}

	/** GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens. */
	private static Set<String> anchors(Path markdown) throws IOException {
		return HEADING.matcher(Files.readString(markdown))
			.results()
			.map((heading) -> heading.group(1)
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-'))
			.collect(Collectors.toSet());
	}

}
