package io.authstack.bff.it;

import java.util.Map;
import java.util.UUID;

import io.authstack.testkit.AuthenticationFlows;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password login through the BFF when Keycloak's device-risk check steps in: each refusal reaches the SPA
 * as its own problem code, and an OTP user gets in by sending the code.
 */
class DeviceRiskLoginIT extends BffIntegrationTest {

	private static final String DIRECT_GRANT_FLOW = "authstack direct grant";

	private static final String OTP_SUBFLOW = "authstack direct grant - conditional OTP";

	/** {@code DeviceRiskAuthenticatorFactory.PROVIDER_ID} in keycloak-providers. */
	private static final String DEVICE_RISK = "device-risk";

	private static final String OTP_SECRET = "bff-it-totp-secret";

	private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	private final AuthenticationFlows flows = new AuthenticationFlows(KEYCLOAK_API, AuthstackKeycloak.REALM);

	@BeforeEach
	void askForOtpOnlyOnNewDevices() {
		this.flows.subflowRequirement(DIRECT_GRANT_FLOW, OTP_SUBFLOW, "DISABLED");
	}

	@AfterEach
	void restoreTheRealmsFlow() {
		action("notify");
		this.flows.subflowRequirement(DIRECT_GRANT_FLOW, OTP_SUBFLOW, "CONDITIONAL");
	}

	@Test
	void newDeviceOfAnOtpUserIsAskedForTheCodeAndGetsInWithIt() {
		action("require_otp");
		String username = newOtpUser();
		assertThat(browser().login(username, PASSWORD).status()).isEqualTo(200);
		Browser newDevice = new Browser(ORIGIN, CHROME_ON_WINDOWS);

		Browser.Response withoutCode = newDevice.login(username, PASSWORD);

		assertThat(withoutCode.status()).isEqualTo(401);
		assertThat(withoutCode.code()).isEqualTo("otp_required");
		assertThat(withoutCode.setCookie(ACCESS_COOKIE)).isEmpty();
		Browser.Response withCode = newDevice.post("/api/auth/login",
				Map.of("username", username, "password", PASSWORD, "otp", new Totp(OTP_SECRET).now()));
		assertThat(withCode.status()).isEqualTo(200);
		assertThat(newDevice.session().json().get("username").asString()).isEqualTo(username);
	}

	@Test
	void codeThatIsNotDigitsIsAnInvalidRequest() {
		Browser.Response login = browser().post("/api/auth/login",
				Map.of("username", "someone", "password", PASSWORD, "otp", "12ab56"));

		assertThat(login.status()).isEqualTo(400);
		assertThat(login.code()).isEqualTo("invalid_request");
	}

	@Test
	void newDeviceAwaitingEmailApprovalIsToldToCheckTheirEmail() {
		action("require_email_approval");
		User user = newUser();
		browser().login(user.username(), PASSWORD);

		Browser.Response fromNewDevice = new Browser(ORIGIN, CHROME_ON_WINDOWS).login(user.username(), PASSWORD);

		assertThat(fromNewDevice.status()).isEqualTo(401);
		assertThat(fromNewDevice.code()).isEqualTo("device_approval_required");
	}

	@Test
	void newDeviceDeniedByTheRealmIsAForbiddenProblem() {
		action("deny");
		User user = newUser();
		browser().login(user.username(), PASSWORD);

		Browser.Response fromNewDevice = new Browser(ORIGIN, CHROME_ON_WINDOWS).login(user.username(), PASSWORD);

		assertThat(fromNewDevice.status()).isEqualTo(403);
		assertThat(fromNewDevice.code()).isEqualTo("device_denied");
	}

	@Test
	void wrongPasswordStaysAPlainInvalidCredentialsWhateverTheDeviceAction() {
		action("deny");
		User user = newUser();

		Browser.Response login = new Browser(ORIGIN, CHROME_ON_WINDOWS).login(user.username(), "not the password");

		assertThat(login.status()).isEqualTo(401);
		assertThat(login.code()).isEqualTo("invalid_credentials");
	}

	private void action(String action) {
		this.flows.configure(DIRECT_GRANT_FLOW, DEVICE_RISK, Map.of("action_on_new_device", action));
	}

	private static String newOtpUser() {
		String username = "otp-" + UUID.randomUUID().toString().substring(0, 8);
		KEYCLOAK_API.createUserWithOtp(AuthstackKeycloak.REALM, username, username + "@example.test", PASSWORD,
				OTP_SECRET);
		return username;
	}

}
