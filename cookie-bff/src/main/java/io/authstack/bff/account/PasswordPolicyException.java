package io.authstack.bff.account;

import java.util.Map;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;

/**
 * Keycloak's realm password policy refused a password: a 400 problem whose {@code rule} names the policy
 * (as in the realm's {@code passwordPolicy}: {@code length}, {@code maxLength}, {@code notUsername},
 * {@code notEmail}, {@code passwordHistory}, ...), with Keycloak's own sentence as the detail.
 *
 * @see <a href="https://www.keycloak.org/docs/latest/server_admin/#_password-policies">Keycloak password
 * policies</a>
 */
final class PasswordPolicyException extends ProblemException {

	/** Keycloak's message keys ({@code invalidPassword<Rule>Message}) and the policy names they stand for. */
	private static final Map<String, String> RULES = Map.ofEntries(Map.entry("MinLength", "length"),
			Map.entry("MaxLength", "maxLength"), Map.entry("NotUsername", "notUsername"),
			Map.entry("NotEmail", "notEmail"), Map.entry("History", "passwordHistory"),
			Map.entry("MinDigits", "digits"), Map.entry("MinLowerCaseChars", "lowerCase"),
			Map.entry("MinUpperCaseChars", "upperCase"), Map.entry("MinSpecialChars", "specialChars"),
			Map.entry("Regex", "regexPattern"), Map.entry("Blacklisted", "passwordBlacklist"),
			Map.entry("NotContainsUsername", "notContainsUsername"));

	private PasswordPolicyException(String rule, String detail) {
		super(ProblemCode.PASSWORD_POLICY, detail, null, Map.of("rule", rule));
	}

	/** From Keycloak's error ({@code invalidPasswordMinLengthMessage}) and its description. */
	static PasswordPolicyException of(String keycloakError, String description) {
		String key = keycloakError.replaceFirst("^invalidPassword", "").replaceFirst("Message$", "");
		String rule = RULES.getOrDefault(key, "unknown");
		String detail = description.isBlank() ? "The password does not meet the password policy." : description;
		return new PasswordPolicyException(rule, detail);
	}

	/** The same answer for a rule the BFF checks before Keycloak sees the password. */
	static PasswordPolicyException rule(String rule, String detail) {
		return new PasswordPolicyException(rule, detail);
	}

}
