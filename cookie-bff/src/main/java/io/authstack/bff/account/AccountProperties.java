package io.authstack.bff.account;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The accounts API: the service account it administers users with, how long its links live, where the SPA
 * shows them, and how slow its "maybe" answers are at least.
 *
 * @param adminClientId the realm's service-account client holding only {@code view-users} and
 * {@code manage-users} of {@code realm-management}
 * @param adminClientSecret its secret
 * @param verifyTokenTtl how long an email-verification link works
 * @param resetTokenTtl how long a password-reset link works (short: it is a credential)
 * @param minimumResponseTime the least time register, resend-verification and reset-password take, whether or
 * not the account exists, so that timing does not tell (OWASP Forgot Password cheat sheet)
 * @param verifyEmailPath the SPA page that takes a verification token ({@code #token=...})
 * @param resetPasswordPath the SPA page that takes a reset token ({@code #token=...})
 * @param forgotPasswordPath the SPA page where a reset is asked for
 * @param loginPath the SPA's login page
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html">OWASP Forgot
 * Password cheat sheet</a>
 */
@Validated
@ConfigurationProperties("authstack.bff.account")
public record AccountProperties(@NotBlank String adminClientId, @NotBlank String adminClientSecret,
		Duration verifyTokenTtl, Duration resetTokenTtl, Duration minimumResponseTime,
		String verifyEmailPath, String resetPasswordPath, String forgotPasswordPath, String loginPath) {

	public AccountProperties {
		adminClientId = (adminClientId != null) ? adminClientId : "authstack-bff-admin";
		verifyTokenTtl = (verifyTokenTtl != null) ? verifyTokenTtl : Duration.ofHours(24);
		resetTokenTtl = (resetTokenTtl != null) ? resetTokenTtl : Duration.ofMinutes(30);
		minimumResponseTime = (minimumResponseTime != null) ? minimumResponseTime : Duration.ofMillis(800);
		verifyEmailPath = (verifyEmailPath != null) ? verifyEmailPath : "/verify-email";
		resetPasswordPath = (resetPasswordPath != null) ? resetPasswordPath : "/reset-password";
		forgotPasswordPath = (forgotPasswordPath != null) ? forgotPasswordPath : "/forgot-password";
		loginPath = (loginPath != null) ? loginPath : "/login";
	}

	@Override
	public String toString() {
		return "AccountProperties[adminClientId=" + this.adminClientId + "]";
	}

}
