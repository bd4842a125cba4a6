package io.authstack.bff.session;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/refresh}: rotates both cookies ({@link Sessions#rotate}). */
@RestController
class RefreshController {

	private final Sessions sessions;

	RefreshController(Sessions sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/api/auth/refresh")
	RefreshedSession refresh(HttpServletRequest request, HttpServletResponse response) {
		return new RefreshedSession(this.sessions.rotate(request, response));
	}

	/**
	 * The answer to a refresh.
	 *
	 * @param expiresAt when the new access token expires
	 */
	record RefreshedSession(Instant expiresAt) {
	}

}
