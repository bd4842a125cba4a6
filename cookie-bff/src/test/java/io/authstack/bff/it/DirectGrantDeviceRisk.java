package io.authstack.bff.it;

import java.util.Map;
import java.util.UUID;

import io.authstack.testkit.AuthenticationFlows;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.Totp;

/**
 * The realm's direct grant (the BFF's password login) as a realm admin sets its device-risk check, and users
 * with an authenticator app: what the ITs of password logins on new devices change and put back.
 */
public final class DirectGrantDeviceRisk {

	private static final String FLOW = "authstack direct grant";

	private static final String OTP_SUBFLOW = "authstack direct grant - conditional OTP";

	/** {@code DeviceRiskAuthenticatorFactory.PROVIDER_ID} in keycloak-providers. */
	private static final String DEVICE_RISK = "device-risk";

	private static final String OTP_SECRET = "bff-it-totp-secret";

	private static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private final KeycloakApi api;

	private final AuthenticationFlows flows;

	public DirectGrantDeviceRisk(KeycloakServer keycloak) {
		this.api = new KeycloakApi(keycloak);
		this.flows = new AuthenticationFlows(this.api, AuthstackKeycloak.REALM);
	}

	/** A code only from new devices: the check's {@code require_otp}, the always-on conditional OTP step off. */
	public void askForOtpOnlyOnNewDevices() {
		this.flows.subflowRequirement(FLOW, OTP_SUBFLOW, "DISABLED");
		action("require_otp");
	}

	/** The action on a new device: {@code notify}, {@code require_otp}, {@code require_email_approval}, {@code deny}. */
	public void action(String action) {
		this.flows.configure(FLOW, DEVICE_RISK, Map.of("action_on_new_device", action));
	}

	/** The realm's own settings again. */
	public void restore() {
		action("notify");
		this.flows.subflowRequirement(FLOW, OTP_SUBFLOW, "CONDITIONAL");
	}

	/** A new user with a password and an authenticator app; returns the username. */
	public String newUserWithOtp(String password) {
		String username = "otp-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.createUserWithOtp(AuthstackKeycloak.REALM, username, username + "@example.test", password, OTP_SECRET);
		return username;
	}

	/** A password login through the BFF from a device of the user's other than the test's browser. */
	public void logInFromAnotherDevice(String username, String password) {
		Browser.Response login = new Browser(BffIntegrationTest.ORIGIN, FIREFOX_ON_LINUX).login(username, password);
		if (login.status() != 200) {
			throw new IllegalStateException("Login from another device answered " + login.status() + ": " + login.body());
		}
	}

	/** The code the users' authenticator app shows now. */
	public String otpCode() {
		return new Totp(OTP_SECRET).now();
	}

}
