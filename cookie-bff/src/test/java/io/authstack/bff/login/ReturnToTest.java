package io.authstack.bff.login;

import io.authstack.bff.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReturnToTest {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/dashboard", "/a/b?x=1&y=%2F#frag", "/path;param" })
	void sameOriginPathsAreKept(String path) {
		assertThat(ReturnTo.parse(path)).isEqualTo(path);
	}

	@Test
	void percentEncodedLineBreaksStayEncodedAndHarmless() {
		assertThat(ReturnTo.parse("/%0d%0aLocation:%20//evil")).isEqualTo("/%0d%0aLocation:%20//evil");
	}

	@Test
	void missingReturnToLandsOnTheHomePage() {
		assertThat(ReturnTo.parse(null)).isEqualTo("/");
		assertThat(ReturnTo.parse("")).isEqualTo("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example",
			"evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y", "/\tevil", " /x", "/x y",
			"http:/evil.example" })
	void anythingElseIsRefusedAsAnOpenRedirect(String target) {
		assertThatThrownBy(() -> ReturnTo.parse(target)).isInstanceOf(ProblemException.class);
	}

}
