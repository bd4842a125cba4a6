package io.authstack.bff.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/auth/google}: the ID token Google Identity Services handed the SPA
 * ("Sign in with Google" button or One Tap), as its {@code credential}.
 */
record GoogleCredential(@NotBlank @Size(max = 8192) @Pattern(regexp = "[A-Za-z0-9_\\-.]+") String credential) {

	@Override
	public String toString() {
		// Never the token itself: this record may be logged by the framework.
		return "GoogleCredential[" + ((this.credential != null) ? this.credential.length() : 0) + " chars]";
	}

}
