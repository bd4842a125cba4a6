package io.authstack.realm;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RealmFileTest {

	@Test
	void placeholderTakesTheVariableWhenSet() {
		assertThat(RealmFile.resolve("\"${URL:http://localhost}\"", Map.of("URL", "https://app.example.com")))
			.isEqualTo("\"https://app.example.com\"");
	}

	@Test
	void placeholderFallsBackToItsDefault() {
		assertThat(RealmFile.resolve("[\"${URL:http://localhost:8080}/cb\"]", Map.of()))
			.isEqualTo("[\"http://localhost:8080/cb\"]");
	}

	@Test
	void placeholderWithoutValueOrDefaultStaysAsKeycloakLeavesIt() {
		assertThat(RealmFile.resolve("\"${username}\"", Map.of())).isEqualTo("\"${username}\"");
	}

	@Test
	void replacementCharactersInValuesAreKeptLiterally() {
		assertThat(RealmFile.resolve("${S:x}", Map.of("S", "a$1\\b"))).isEqualTo("a$1\\b");
	}

}
