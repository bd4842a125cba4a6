package io.authstack.bff.selfservice;

import java.util.List;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.session.AuthenticatedSession;
import io.authstack.bff.session.UserSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in user's sessions: {@code GET /api/account/sessions}, {@code DELETE /api/account/sessions/{id}}, and
 * {@code POST /api/auth/logout-everywhere}. The session check and CSRF apply as on every {@code /api/} call.
 */
@RestController
class AccountSessionsController {

	private final UserSessions sessions;

	AccountSessionsController(UserSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/account/sessions")
	List<UserSessions.UserSessionView> list(
			@RequestAttribute(AuthenticatedSession.ATTRIBUTE) AuthenticatedSession session) {
		return this.sessions.list(session);
	}

	@DeleteMapping("/api/account/sessions/{id}")
	ResponseEntity<Void> signOut(@RequestAttribute(AuthenticatedSession.ATTRIBUTE) AuthenticatedSession session,
			@PathVariable("id") String id, ClientContext client) {
		this.sessions.signOut(session, id, client);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/auth/logout-everywhere")
	ResponseEntity<Void> signOutEverywhere(
			@RequestAttribute(AuthenticatedSession.ATTRIBUTE) AuthenticatedSession session, HttpServletRequest request,
			HttpServletResponse response) {
		this.sessions.signOutEverywhere(session, request, response);
		return ResponseEntity.noContent().build();
	}

}
