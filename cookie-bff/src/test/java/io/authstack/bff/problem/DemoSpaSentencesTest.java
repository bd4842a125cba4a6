package io.authstack.bff.problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo SPA says every problem code in words: a new code without a sentence would be shown as a generic error. */
class DemoSpaSentencesTest {

	@Test
	void everyProblemCodeHasASentenceInTheDemoSpa() throws IOException {
		String appJs;
		try (InputStream in = DemoSpaSentencesTest.class.getResourceAsStream("/static/app.js")) {
			appJs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String messages = appJs.substring(appJs.indexOf("const MESSAGES = {"), appJs.indexOf("};"));

		for (ProblemCode code : ProblemCode.values()) {
			assertThat(messages).as(code.code()).containsPattern("\\n\\t\\t" + code.code() + ": '[^']+");
		}
	}

}
