package io.authstack.bff.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/auth/login}.
 *
 * @param username a username or email address
 * @param password the password, passed on to Keycloak untouched (no trimming, no case folding)
 * @param otp the code of the user's authenticator app, when Keycloak asked for it ({@code otp_required}) or
 * the realm asks every OTP user for it; optional
 */
record LoginRequest(@NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password,
		@Pattern(regexp = "[0-9]{6,8}", message = "must be the 6 to 8 digits of the authenticator app") String otp) {

	@Override
	public String toString() {
		return "LoginRequest[username=" + this.username + "]";
	}

}
