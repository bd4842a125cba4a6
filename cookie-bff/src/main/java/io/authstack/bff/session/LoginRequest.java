package io.authstack.bff.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/auth/login}.
 *
 * @param username a username or email address
 * @param password the password, passed on to Keycloak untouched (no trimming, no case folding)
 */
record LoginRequest(@NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password) {

	@Override
	public String toString() {
		return "LoginRequest[username=" + this.username + "]";
	}

}
