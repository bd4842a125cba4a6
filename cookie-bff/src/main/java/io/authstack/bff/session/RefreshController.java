package io.authstack.bff.session;

import java.time.Instant;

import io.authstack.bff.metrics.RefreshMeters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/refresh}: rotates both cookies ({@link Sessions#rotate}). Every refusal is counted here, where
 * they all end up; a success is counted by the rotation, which knows whether it rotated or shared.
 */
@RestController
class RefreshController {

	private final Sessions sessions;

	private final RefreshMeters meters;

	RefreshController(Sessions sessions, RefreshMeters meters) {
		this.sessions = sessions;
		this.meters = meters;
	}

	@PostMapping("/api/auth/refresh")
	RefreshedSession refresh(HttpServletRequest request, HttpServletResponse response) {
		try {
			return new RefreshedSession(this.sessions.rotate(request, response));
		}
		catch (RuntimeException ex) {
			this.meters.refused(ex);
			throw ex;
		}
	}

	/**
	 * The answer to a refresh.
	 *
	 * @param expiresAt when the new access token expires
	 */
	record RefreshedSession(Instant expiresAt) {
	}

}
