package io.authstack.bff.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the accounts API. Email addresses: RFC 5321's 254 characters at most, syntax checked, no
 * control characters (a CR/LF never reaches a mail header). Passwords go to Keycloak untouched: no trimming,
 * no case folding, no truncation; only an upper bound on what we accept to read.
 */
final class AccountRequests {

	/** Printable text: no C0/C1 control characters, CR and LF included. */
	static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

	private AccountRequests() {
	}

	/**
	 * {@code POST /api/accounts/register}.
	 *
	 * @param username optional login name (letters, digits, {@code . _ -}); the email address when absent
	 * @param email the address to verify
	 * @param password judged by the realm's password policy
	 * @param firstName optional
	 * @param lastName optional
	 */
	record Register(@Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String username,
			@NotBlank @Size(max = 254) @Email @Pattern(regexp = NO_CONTROL_CHARACTERS) String email,
			@NotBlank @Size(max = 1024) String password,
			@Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS) String firstName,
			@Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS) String lastName) {

		@Override
		public String toString() {
			return "Register[username=" + this.username + "]";
		}

	}

	/**
	 * {@code POST /api/accounts/resend-verification} and {@code POST /api/accounts/reset-password}.
	 *
	 * @param email the account's address
	 */
	record EmailOnly(@NotBlank @Size(max = 254) @Email @Pattern(regexp = NO_CONTROL_CHARACTERS) String email) {
	}

	/**
	 * {@code POST /api/accounts/verify-email}.
	 *
	 * @param token the token from the email's link
	 */
	record Token(@NotBlank @Size(max = 128) String token) {

		@Override
		public String toString() {
			return "Token[...]";
		}

	}

	/**
	 * {@code POST /api/accounts/reset-password-confirm}.
	 *
	 * @param token the token from the email's link
	 * @param password the new password, judged by the realm's password policy
	 */
	record ResetConfirm(@NotBlank @Size(max = 128) String token, @NotBlank @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "ResetConfirm[...]";
		}

	}

}
