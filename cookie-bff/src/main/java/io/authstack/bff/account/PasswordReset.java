package io.authstack.bff.account;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.revocation.RevocationStore;
import io.authstack.contract.EmailTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * "Forgot password": a single-use, short-lived link to the account's address, and its confirmation. On success
 * every session of the user ends (Keycloak logs them all out, and {@code bl:user} voids every token issued so
 * far, access tokens included), the user is told by email, and nobody is logged in: the user logs in with the
 * new password like anyone else.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html">OWASP Forgot
 * Password cheat sheet</a>
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V6.3.7, V7.4.3</a>
 */
@Component
final class PasswordReset {

	private static final Logger logger = LoggerFactory.getLogger(PasswordReset.class);

	private final KeycloakUsers users;

	private final AccountTokens tokens;

	private final EmailJobs emails;

	private final AccountLinks links;

	private final RevocationStore revocations;

	private final AccountProperties properties;

	PasswordReset(KeycloakUsers users, AccountTokens tokens, EmailJobs emails, AccountLinks links,
			RevocationStore revocations, AccountProperties properties) {
		this.users = users;
		this.tokens = tokens;
		this.emails = emails;
		this.links = links;
		this.revocations = revocations;
		this.properties = properties;
	}

	/** Sends a reset link when the address belongs to an enabled account; else nothing. */
	void request(String email) {
		this.users.findByEmail(email.toLowerCase(Locale.ROOT)).filter(KeycloakUsers.User::enabled).ifPresent((user) -> {
			String token = this.tokens.issue(TokenPurpose.RESET_PASSWORD, user.id(), user.email(),
					this.properties.resetTokenTtl());
			this.emails.send(EmailTemplate.RESET_PASSWORD, user.email(),
					Map.of("link", this.links.resetPassword(token), "expiresInMinutes",
							this.properties.resetTokenTtl().toMinutes()),
					Instant.now().plus(this.properties.resetTokenTtl()));
			logger.info("Password reset link queued for user {}", user.id());
		});
	}

	/**
	 * @throws ProblemException {@code invalid_token} when the token is unknown, spent, expired or stale
	 * @throws PasswordPolicyException when the realm's policy refuses the password (the link keeps working)
	 */
	void confirm(String token, String password) {
		AccountTokens.Grant grant = this.tokens.consume(TokenPurpose.RESET_PASSWORD, token)
			.orElseThrow(PasswordReset::invalidToken);
		KeycloakUsers.User user = this.users.findById(grant.userId()).orElseThrow(PasswordReset::invalidToken);
		if (!user.enabled() || user.email() == null || !user.email().equalsIgnoreCase(grant.email())) {
			throw invalidToken();
		}
		try {
			this.users.setPassword(user.id(), password);
		}
		catch (PasswordPolicyException ex) {
			this.tokens.restore(TokenPurpose.RESET_PASSWORD, token, grant);
			throw ex;
		}
		if (!user.emailVerified()) {
			// The link reached the mailbox: that is what verification proves. Else the new password would not log in.
			this.users.markEmailVerified(user.id());
		}
		// Redis first: from this second on no token of the user passes the BFF, even if Keycloak's logout fails.
		this.revocations.revokeUser(user.id(), Instant.now());
		this.users.logout(user.id());
		logger.info("Password of user {} reset; every session ended", user.id());
		try {
			this.emails.send(EmailTemplate.PASSWORD_CHANGED, user.email(),
					Map.of("resetLink", this.links.forgotPassword()),
					Instant.now().plus(this.properties.verifyTokenTtl()));
		}
		catch (DataAccessException ex) {
			// The password did change: answering "failed" would be the bigger lie. The log carries the loss.
			logger.error("Password-changed email for user {} could not be queued", user.id(), ex);
		}
	}

	private static ProblemException invalidToken() {
		return new ProblemException(ProblemCode.INVALID_TOKEN, "The link is invalid or has expired; ask for a new one.");
	}

}
