package io.authstack.keycloak.flow;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.directgrant.ValidateOTP;

/**
 * Keycloak's {@link ValidateOTP}, except that a request without a code is asked for it
 * ({@value HeadlessSteps#OTP_REQUIRED}) instead of failed: the first round of the authorization challenge
 * endpoint sends the password alone, and must not cost the user a brute-force attempt.
 */
final class HeadlessOtpAuthenticator extends ValidateOTP {

	@Override
	public void authenticate(AuthenticationFlowContext context) {
		HeadlessSteps.validateOtp(context);
	}

}
