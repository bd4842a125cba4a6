package io.authstack.bff.account;

import java.util.Locale;
import java.util.Map;

import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.ratelimit.AccountRateLimiter;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accounts API: register, verify email, resend verification, reset password, confirm reset. Every call is
 * rate limited per client address, and those naming an address per address too; CSRF is checked for all of
 * them like for every POST. The three calls that name an address answer {@code 202} with one fixed body, after
 * at least {@link AccountProperties#minimumResponseTime()}, whatever the address is.
 *
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V6.3.8, V2.4.1</a>
 */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

	/** The one answer of register, resend-verification and reset-password. */
	static final Map<String, String> ACCEPTED = Map.of("status", "accepted", "message",
			"If the address can be used, an email is on its way to it.");

	private final Registration registration;

	private final PasswordReset passwordReset;

	private final AccountRateLimiter rateLimiter;

	private final AccountProperties properties;

	AccountController(Registration registration, PasswordReset passwordReset, AccountRateLimiter rateLimiter,
			AccountProperties properties) {
		this.registration = registration;
		this.passwordReset = passwordReset;
		this.rateLimiter = rateLimiter;
		this.properties = properties;
	}

	@PostMapping("/register")
	ResponseEntity<Map<String, String>> register(@Valid @RequestBody AccountRequests.Register body,
			ClientContext client) {
		limit(client, body.email());
		ResponseFloor floor = ResponseFloor.of(this.properties.minimumResponseTime());
		try {
			this.registration.register(body);
		}
		finally {
			floor.await();
		}
		return accepted();
	}

	@PostMapping("/verify-email")
	ResponseEntity<Void> verifyEmail(@Valid @RequestBody AccountRequests.Token body, ClientContext client) {
		this.rateLimiter.checkAddress(client.address());
		this.registration.verify(body.token());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/resend-verification")
	ResponseEntity<Map<String, String>> resendVerification(@Valid @RequestBody AccountRequests.EmailOnly body,
			ClientContext client) {
		limit(client, body.email());
		ResponseFloor floor = ResponseFloor.of(this.properties.minimumResponseTime());
		try {
			this.registration.resend(body.email());
		}
		finally {
			floor.await();
		}
		return accepted();
	}

	@PostMapping("/reset-password")
	ResponseEntity<Map<String, String>> resetPassword(@Valid @RequestBody AccountRequests.EmailOnly body,
			ClientContext client) {
		limit(client, body.email());
		ResponseFloor floor = ResponseFloor.of(this.properties.minimumResponseTime());
		try {
			this.passwordReset.request(body.email());
		}
		finally {
			floor.await();
		}
		return accepted();
	}

	@PostMapping("/reset-password-confirm")
	ResponseEntity<Void> resetPasswordConfirm(@Valid @RequestBody AccountRequests.ResetConfirm body,
			ClientContext client) {
		this.rateLimiter.checkAddress(client.address());
		this.passwordReset.confirm(body.token(), body.password());
		return ResponseEntity.noContent().header("Referrer-Policy", "no-referrer").build();
	}

	private void limit(ClientContext client, String email) {
		this.rateLimiter.checkAddress(client.address());
		this.rateLimiter.checkEmail(email.toLowerCase(Locale.ROOT));
	}

	private static ResponseEntity<Map<String, String>> accepted() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ACCEPTED);
	}

}
