package io.authstack.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The authstack checkout a test runs in, for tests that read its files. */
final class Checkout {

	private Checkout() {
	}

	/** The checkout's root: the nearest directory up from here with realm-config and docker-compose.yml. */
	static Path root() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("realm-config")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
				return dir;
			}
		}
		throw new IllegalStateException(
				"No authstack checkout with docker-compose.yml above " + Path.of("").toAbsolutePath());
	}

}
