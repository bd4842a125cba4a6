package io.authstack.bff.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A username with CR/LF in it cannot forge a line of the BFF's log (the log pattern neutralises every value). */
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionIT extends BffIntegrationTest {

	private static final String FORGED = "INFO  Password login of user admin";

	@Test
	void crAndLfInAUsernameStayOnTheOneLogLineOfTheRefusal(CapturedOutput output) {
		Browser.Response login = browser().post("/api/auth/login",
				Map.of("username", "nobody\r\n" + FORGED, "password", "wrong"));

		assertThat(login.code()).isEqualTo("invalid_credentials");
		assertThat(output.getOut()).contains("Password login refused for username nobody");
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith(FORGED));
	}

}
