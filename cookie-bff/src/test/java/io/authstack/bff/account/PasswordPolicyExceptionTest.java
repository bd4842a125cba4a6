package io.authstack.bff.account;

import io.authstack.bff.problem.ProblemCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyExceptionTest {

	@Test
	void keycloakMessageKeysBecomeThePolicyNamesOfTheRealm() {
		assertThat(rule("invalidPasswordMinLengthMessage")).isEqualTo("length");
		assertThat(rule("invalidPasswordMaxLengthMessage")).isEqualTo("maxLength");
		assertThat(rule("invalidPasswordNotUsernameMessage")).isEqualTo("notUsername");
		assertThat(rule("invalidPasswordNotEmailMessage")).isEqualTo("notEmail");
		assertThat(rule("invalidPasswordHistoryMessage")).isEqualTo("passwordHistory");
	}

	@Test
	void unknownKeycloakErrorIsStillAPasswordPolicyProblem() {
		PasswordPolicyException ex = PasswordPolicyException.of("somethingNew", "");

		assertThat(ex.code()).isEqualTo(ProblemCode.PASSWORD_POLICY);
		assertThat(ex.properties()).containsEntry("rule", "unknown");
		assertThat(ex.getMessage()).isNotBlank();
	}

	@Test
	void keycloakDescriptionIsTheDetail() {
		PasswordPolicyException ex = PasswordPolicyException.of("invalidPasswordMinLengthMessage",
				"Invalid password: minimum length 12.");

		assertThat(ex.getMessage()).isEqualTo("Invalid password: minimum length 12.");
	}

	private static Object rule(String keycloakError) {
		return PasswordPolicyException.of(keycloakError, "Invalid password.").properties().get("rule");
	}

}
