package io.authstack.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTest {

	@ParameterizedTest
	@ValueSource(strings = { "cookie-bff", "notification-worker" })
	void serviceImageStartsJavaWithTheLaunchersMemoryOptions(String service) throws IOException {
		Path dockerfile = AuthstackKeycloak.ofThisCheckout().root().resolve("docker/" + service + "/Dockerfile");
		String entrypoint = Files.readAllLines(dockerfile)
			.stream()
			.filter((line) -> line.startsWith("ENTRYPOINT"))
			.findFirst()
			.orElseThrow();

		assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\", ");
		ServiceJvm.MEMORY_OPTIONS.forEach((option) -> assertThat(entrypoint).contains("\"" + option + "\""));
	}

}
