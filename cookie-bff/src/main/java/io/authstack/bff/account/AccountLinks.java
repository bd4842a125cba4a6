package io.authstack.bff.account;

import io.authstack.bff.BffProperties;
import org.springframework.stereotype.Component;

/**
 * The links the emails carry, built from the configured public URL and never from a request's {@code Host} or
 * {@code X-Forwarded-Host} (which an attacker chooses). Tokens travel in the fragment: browsers send it neither
 * to servers nor in {@code Referer}, so it stays out of access logs and third-party requests.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens">OWASP
 * Forgot Password cheat sheet: URL tokens</a>
 */
@Component
final class AccountLinks {

	private final String base;

	private final AccountProperties properties;

	AccountLinks(BffProperties bff, AccountProperties properties) {
		this.base = bff.publicUrl().toString().replaceAll("/+$", "");
		this.properties = properties;
	}

	String verifyEmail(String token) {
		return this.base + this.properties.verifyEmailPath() + "#token=" + token;
	}

	String resetPassword(String token) {
		return this.base + this.properties.resetPasswordPath() + "#token=" + token;
	}

	String forgotPassword() {
		return this.base + this.properties.forgotPasswordPath();
	}

	String login() {
		return this.base + this.properties.loginPath();
	}

}
