package io.authstack.realm;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void placeholderWithoutValueOrDefaultIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> RealmFile.resolve("${SECRET}", Map.of()))
			.withMessageContaining("SECRET");
	}

	@Test
	void replacementCharactersInValuesAreKeptLiterally() {
		assertThat(RealmFile.resolve("${S:x}", Map.of("S", "a$1\\b"))).isEqualTo("a$1\\b");
	}

}
