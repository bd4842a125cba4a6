package io.authstack.bff.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asking who is logged in, and logging out.
 *
 * @see <a href="https://www.w3.org/TR/clear-site-data/">Clear Site Data</a>
 */
@RestController
class SessionController {

	private final Sessions sessions;

	SessionController(Sessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/auth/session")
	SessionView session(@RequestAttribute(AuthenticatedSession.ATTRIBUTE) AuthenticatedSession session) {
		return SessionView.of(session.token());
	}

	@PostMapping("/api/auth/logout")
	ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
		this.sessions.end(request, response);
		return ResponseEntity.noContent().build();
	}

}
