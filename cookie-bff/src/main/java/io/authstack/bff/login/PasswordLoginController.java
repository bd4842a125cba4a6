package io.authstack.bff.login;

import java.util.Optional;

import io.authstack.bff.account.AccountSetup;
import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.keycloak.AccessToken;
import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.keycloak.KeycloakClient;
import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.keycloak.TokenResponse;
import io.authstack.bff.metrics.LoginMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.ratelimit.LoginRateLimiter;
import io.authstack.bff.session.SessionView;
import io.authstack.bff.session.Sessions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logging in with a password, through Keycloak's direct grant.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.4">RFC 9700 §2.4 (why the password login
 * is off in production unless configured)</a>
 */
@RestController
class PasswordLoginController {

	private static final Logger logger = LoggerFactory.getLogger(PasswordLoginController.class);

	private final KeycloakProperties keycloakProperties;

	private final KeycloakClient keycloak;

	private final Sessions sessions;

	private final LoginRateLimiter rateLimiter;

	private final AccountSetup accountSetup;

	private final LoginMeters logins;

	PasswordLoginController(KeycloakProperties keycloakProperties, KeycloakClient keycloak, Sessions sessions,
			LoginRateLimiter rateLimiter, AccountSetup accountSetup, LoginMeters logins) {
		this.keycloakProperties = keycloakProperties;
		this.keycloak = keycloak;
		this.sessions = sessions;
		this.rateLimiter = rateLimiter;
		this.accountSetup = accountSetup;
		this.logins = logins;
	}

	@PostMapping("/api/auth/login")
	SessionView login(@Valid @RequestBody LoginRequest login, ClientContext client, HttpServletResponse response) {
		return this.logins.counted(LoginMeters.Method.PASSWORD, () -> passwordLogin(login, client, response));
	}

	private SessionView passwordLogin(LoginRequest login, ClientContext client, HttpServletResponse response) {
		if (!this.keycloakProperties.directGrantEnabled()) {
			throw new ProblemException(ProblemCode.LOGIN_METHOD_DISABLED, "Password login is disabled; use the redirect login.");
		}
		this.rateLimiter.checkAddress(client.address());
		this.rateLimiter.claimFailure(login.username(), client.address());
		TokenResponse tokens;
		try {
			tokens = this.keycloak.passwordGrant(login.username(), login.password(), login.otp(), client.forwarded());
		}
		catch (GrantRejectedException ex) {
			logger.info("Password login refused for username {}: {} {}", login.username(), ex.error(), ex.description());
			Optional<ProblemException> actionable = LoginRefusal.actionable(ex,
					() -> this.accountSetup.pendingStep(login.username()));
			if (actionable.isEmpty()) {
				// A wrong password (or a refusal Keycloak words alike): the claimed failure stays spent.
				throw new ProblemException(ProblemCode.INVALID_CREDENTIALS, "Invalid username or password.");
			}
			this.rateLimiter.refundFailure(login.username(), client.address());
			throw actionable.get();
		}
		catch (RuntimeException ex) {
			// Keycloak unreachable or answering nonsense: nothing the person did wrong.
			this.rateLimiter.refundFailure(login.username(), client.address());
			throw ex;
		}
		this.rateLimiter.refundFailure(login.username(), client.address());
		AccessToken token = this.sessions.start(response, tokens, client);
		logger.info("Password login of user {}", token.subject());
		return SessionView.of(token);
	}

}
