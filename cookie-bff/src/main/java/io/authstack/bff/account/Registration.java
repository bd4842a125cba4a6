package io.authstack.bff.account;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.contract.EmailTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registration and email verification without user enumeration. A new address gets an enabled user whose email
 * is not verified: the realm's {@code verifyEmail} makes Keycloak itself refuse every login (password grant,
 * browser, Google) until it is, so no code path of ours can forget the check, and "disabled" keeps meaning
 * "disabled by an admin". A taken address gets the same answer, and its owner an email saying someone tried.
 * Both paths have Keycloak judge the password (on the new user, or on a throwaway probe user for a taken
 * address), so a weak password is refused alike whether or not the address is taken.
 *
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V6.3.8 (no enumeration), V6.4.1</a>
 */
@Component
final class Registration {

	private static final Logger logger = LoggerFactory.getLogger(Registration.class);

	private final KeycloakUsers users;

	private final AccountTokens tokens;

	private final EmailJobs emails;

	private final AccountLinks links;

	private final AccountProperties properties;

	Registration(KeycloakUsers users, AccountTokens tokens, EmailJobs emails, AccountLinks links,
			AccountProperties properties) {
		this.users = users;
		this.tokens = tokens;
		this.emails = emails;
		this.links = links;
		this.properties = properties;
	}

	/**
	 * @throws PasswordPolicyException when the realm's policy refuses the password (on both paths)
	 * @throws ProblemException {@code username_taken} when a chosen username is taken
	 */
	void register(AccountRequests.Register request) {
		String email = request.email().toLowerCase(Locale.ROOT);
		String username = (request.username() != null) ? request.username() : email;
		// Keycloak checks these two on the new user; the probe user of a taken address has neither the email nor
		// the username, so they are checked here for both paths alike.
		if (request.password().equalsIgnoreCase(email)) {
			throw PasswordPolicyException.rule("notEmail", "Invalid password: must not be equal to the email.");
		}
		if (request.password().equalsIgnoreCase(username)) {
			throw PasswordPolicyException.rule("notUsername", "Invalid password: must not be equal to the username.");
		}
		Optional<KeycloakUsers.User> owner = this.users.findByEmail(email);
		if (owner.isPresent()) {
			registrationAttempt(owner.get(), request.password());
			return;
		}
		Optional<String> created = this.users.create(username, email, request.firstName(), request.lastName());
		if (created.isEmpty()) {
			if (request.username() != null && this.users.findByEmail(email).isEmpty()) {
				throw new ProblemException(ProblemCode.USERNAME_TAKEN, "This username is taken; choose another.");
			}
			// The address was taken in between (or the username is the address of someone else): same answer.
			this.users.findByEmail(email).ifPresent((user) -> registrationAttempt(user, request.password()));
			return;
		}
		String id = created.get();
		try {
			this.users.setPassword(id, request.password());
			sendVerification(id, email);
		}
		catch (RuntimeException ex) {
			// No half-made account: a retry with a better password (or once Redis is back) starts afresh.
			this.users.delete(id);
			throw ex;
		}
		logger.info("Registered user {}, verification email queued", id);
	}

	/** @throws ProblemException {@code invalid_token} when the token is unknown, spent, expired or stale */
	void verify(String token) {
		AccountTokens.Grant grant = this.tokens.consume(TokenPurpose.VERIFY_EMAIL, token)
			.orElseThrow(Registration::invalidToken);
		KeycloakUsers.User user = this.users.findById(grant.userId()).orElseThrow(Registration::invalidToken);
		if (user.email() == null || !user.email().equalsIgnoreCase(grant.email())) {
			// The address changed since the link was sent: the link proves nothing about the new one.
			throw invalidToken();
		}
		this.users.markEmailVerified(user.id());
		logger.info("Email of user {} verified", user.id());
	}

	/** Sends a fresh link when the address belongs to an account still waiting for verification; else nothing. */
	void resend(String email) {
		this.users.findByEmail(email.toLowerCase(Locale.ROOT))
			.filter((user) -> user.enabled() && !user.emailVerified())
			.ifPresent((user) -> sendVerification(user.id(), user.email()));
	}

	private void sendVerification(String userId, String email) {
		String token = this.tokens.issue(TokenPurpose.VERIFY_EMAIL, userId, email, this.properties.verifyTokenTtl());
		this.emails.send(EmailTemplate.VERIFY_EMAIL, email,
				Map.of("link", this.links.verifyEmail(token), "expiresInMinutes",
						this.properties.verifyTokenTtl().toMinutes()),
				Instant.now().plus(this.properties.verifyTokenTtl()));
	}

	private void registrationAttempt(KeycloakUsers.User owner, String password) {
		checkPasswordOnProbe(password);
		this.emails.send(EmailTemplate.REGISTRATION_ATTEMPT, owner.email(),
				Map.of("loginLink", this.links.login(), "resetLink", this.links.forgotPassword()),
				Instant.now().plus(this.properties.verifyTokenTtl()));
		logger.info("Registration attempt with the address of user {}; owner notified", owner.id());
	}

	/** Has Keycloak judge the password on a user that exists only for that, as on the new-address path. */
	private void checkPasswordOnProbe(String password) {
		String probe = this.users.create("probe-" + UUID.randomUUID(), null, null, null)
			.orElseThrow(() -> new IllegalStateException("A random probe username was taken"));
		try {
			this.users.setPassword(probe, password);
		}
		finally {
			this.users.delete(probe);
		}
	}

	private static ProblemException invalidToken() {
		return new ProblemException(ProblemCode.INVALID_TOKEN, "The link is invalid or has expired; ask for a new one.");
	}

}
