package io.authstack.bff.login;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.authstack.bff.keycloak.GrantRejectedException;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;

/**
 * The refusals of a login that the person can act on, told apart by Keycloak's {@code error_description}:
 * an account not fully set up (what it lacks: {@code account.AccountSetup}), and the steps of authstack's device-risk check ({@code DeviceRiskAuthenticator}
 * in keycloak-providers). Keycloak answers them only once the credentials were right, so naming them leaks
 * nothing to someone who does not hold the password; every other refusal stays a plain "invalid credentials".
 */
public final class LoginRefusal {

	/** Keycloak's one answer for every pending step of an account, which only {@code AccountSetup} tells apart. */
	private static final String NOT_FULLY_SET_UP = "Account is not fully set up";

	private static final Map<String, LoginRefusal> ACTIONABLE = Map.of(
			"otp_required",
			new LoginRefusal(ProblemCode.OTP_REQUIRED,
					"This device is new to your account: enter the code from your authenticator app."),
			"device_approval_required",
			new LoginRefusal(ProblemCode.DEVICE_APPROVAL_REQUIRED,
					"This device is new to your account: approve it from the link we emailed you, then log in again."),
			"device_denied",
			new LoginRefusal(ProblemCode.DEVICE_DENIED, "Signing in from a new device is not allowed for this account."));

	private final ProblemCode code;

	private final String detail;

	private LoginRefusal(ProblemCode code, String detail) {
		this.code = code;
		this.detail = detail;
	}

	/**
	 * As {@link #actionable(GrantRejectedException)}, and for an account that is not fully set up, the problem
	 * {@code pendingStep} names (what the account still lacks).
	 */
	public static Optional<ProblemException> actionable(GrantRejectedException rejection,
			Supplier<ProblemException> pendingStep) {
		return NOT_FULLY_SET_UP.equals(rejection.description()) ? Optional.of(pendingStep.get()) : actionable(rejection);
	}

	/** The problem to answer when the refusal is one the person can act on; empty for any other. */
	public static Optional<ProblemException> actionable(GrantRejectedException rejection) {
		return Optional.ofNullable(ACTIONABLE.get(rejection.description()))
			.map((refusal) -> new ProblemException(refusal.code, refusal.detail));
	}

}
