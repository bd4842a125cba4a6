package io.authstack.bff.backchannel;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.revocation.RevocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/backchannel-logout}: Keycloak tells the BFF that a session ended (admin "Sign out",
 * logout from another client, session expiry by admin). The session is revoked in Redis, so its cookies stop
 * working at their next request. Called server to server: no cookies, no CSRF header.
 *
 * @see <a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRequest">OIDC Back-Channel
 * Logout 1.0 §2.5</a>
 */
@RestController
class BackchannelLogoutController {

	private static final Logger logger = LoggerFactory.getLogger(BackchannelLogoutController.class);

	private final LogoutTokenVerifier verifier;

	private final LogoutTokenReplays replays;

	private final RevocationStore revocations;

	BackchannelLogoutController(LogoutTokenVerifier verifier, LogoutTokenReplays replays,
			RevocationStore revocations) {
		this.verifier = verifier;
		this.replays = replays;
		this.revocations = revocations;
	}

	@PostMapping(path = "/api/auth/backchannel-logout", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> logout(@RequestParam("logout_token") String logoutToken) {
		LogoutTokenVerifier.LogoutRequest logout;
		try {
			logout = this.verifier.verify(logoutToken);
		}
		catch (LogoutTokenVerifier.InvalidLogoutTokenException ex) {
			logger.warn("Back-channel logout token rejected: {}", ex.getMessage());
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "Invalid logout token.");
		}
		if (!this.replays.firstUse(logout.tokenId())) {
			logger.warn("Back-channel logout token replayed");
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "Logout token already used.");
		}
		if (logout.sessionId() != null) {
			this.revocations.revokeSession(logout.sessionId());
			logger.info("Back-channel logout of session {}", logout.sessionId());
		}
		else {
			// No sid: every session of the user issued up to the logout token ends.
			this.revocations.revokeUser(logout.subject(), logout.issuedAt());
			logger.info("Back-channel logout of every session of user {}", logout.subject());
		}
		return ResponseEntity.ok().build();
	}

}
