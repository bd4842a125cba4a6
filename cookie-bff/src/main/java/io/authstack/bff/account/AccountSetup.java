package io.authstack.bff.account;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import org.springframework.stereotype.Component;

/**
 * What an account that Keycloak calls "not fully set up" still lacks. Keycloak's direct grant answers that one
 * sentence for every pending step: an unverified email (the realm's {@code verifyEmail}), a required action on the
 * account (an admin's "update password", "configure OTP", ...), or attributes the realm's user profile requires
 * and the account lacks. Only the person who just gave the right password gets here, so naming the step leaks
 * nothing.
 *
 * @see <a href="https://www.keycloak.org/docs/latest/server_admin/#con-required-actions_server_administration_guide">Keycloak:
 * required actions</a>
 */
@Component
public final class AccountSetup {

	private final KeycloakUsers users;

	AccountSetup(KeycloakUsers users) {
		this.users = users;
	}

	/** The problem naming the missing step of the account {@code login} names (a username or an email). */
	public ProblemException pendingStep(String login) {
		KeycloakUsers.User user = this.users.findByLogin(login).orElse(null);
		if (user == null || !user.emailVerified()) {
			return new ProblemException(ProblemCode.ACCOUNT_SETUP_REQUIRED,
					"The account is not ready yet: verify your email address first.");
		}
		if (!user.requiredActions().isEmpty()) {
			return new ProblemException(ProblemCode.ACCOUNT_ACTION_REQUIRED, "The account has steps to finish ("
					+ String.join(", ", user.requiredActions()) + "): log in through the login page to do them.");
		}
		return new ProblemException(ProblemCode.PROFILE_INCOMPLETE,
				"The account lacks profile details the realm requires: log in through the login page to add them.");
	}

}
