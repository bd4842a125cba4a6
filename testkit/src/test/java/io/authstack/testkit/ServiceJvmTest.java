package io.authstack.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTest {

	@ParameterizedTest
	@ValueSource(strings = { "cookie-bff", "notification-worker", "demo-api" })
	void serviceImageDefaultsToTheLaunchersMemoryOptionsAndEnvironment(String service) throws IOException {
		Path dockerfile = AuthstackKeycloak.ofThisCheckout().root().resolve("docker/" + service + "/Dockerfile");
		// One instruction per line, continuation lines joined.
		String[] instructions = Files.readString(dockerfile).replace("\\\n", " ").split("\n");

		assertThat(instructions).filteredOn((line) -> line.startsWith("ENTRYPOINT"))
			.singleElement()
			.asString()
			.as("the options come from JDK_JAVA_OPTIONS, so that ops can change them without a new image")
			.startsWith("ENTRYPOINT [\"java\", \"-jar\", ")
			.doesNotContain("-X");
		String env = Arrays.stream(instructions).filter((line) -> line.startsWith("ENV ")).collect(Collectors.joining(" "));
		assertThat(env).contains("JDK_JAVA_OPTIONS=\"" + String.join(" ", ServiceJvm.MEMORY_OPTIONS) + "\"");
		ServiceJvm.ENVIRONMENT.forEach((name, value) -> assertThat(env).contains(name + "=" + value));
	}

}
