package io.authstack.bff.it;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password login through the BFF when Keycloak's device-risk check steps in: each refusal reaches the SPA
 * as its own problem code, and an OTP user gets in by sending the code.
 */
class DeviceRiskLoginIT extends BffIntegrationTest {

	private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	private final DirectGrantDeviceRisk deviceRisk = new DirectGrantDeviceRisk(KEYCLOAK);

	@AfterEach
	void restoreTheRealmsFlow() {
		this.deviceRisk.restore();
	}

	@Test
	void newDeviceOfAnOtpUserIsAskedForTheCodeAndGetsInWithIt() {
		this.deviceRisk.askForOtpOnlyOnNewDevices();
		String username = this.deviceRisk.newUserWithOtp(PASSWORD);
		assertThat(browser().login(username, PASSWORD).status()).isEqualTo(200);
		Browser newDevice = new Browser(ORIGIN, CHROME_ON_WINDOWS);

		Browser.Response withoutCode = newDevice.login(username, PASSWORD);

		assertThat(withoutCode.status()).isEqualTo(401);
		assertThat(withoutCode.code()).isEqualTo("otp_required");
		assertThat(withoutCode.setCookie(ACCESS_COOKIE)).isEmpty();
		Browser.Response withCode = newDevice.post("/api/auth/login",
				Map.of("username", username, "password", PASSWORD, "otp", this.deviceRisk.otpCode()));
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
		this.deviceRisk.action("require_email_approval");
		User user = newUser();
		browser().login(user.username(), PASSWORD);

		Browser.Response fromNewDevice = new Browser(ORIGIN, CHROME_ON_WINDOWS).login(user.username(), PASSWORD);

		assertThat(fromNewDevice.status()).isEqualTo(401);
		assertThat(fromNewDevice.code()).isEqualTo("device_approval_required");
	}

	@Test
	void newDeviceDeniedByTheRealmIsAForbiddenProblem() {
		this.deviceRisk.action("deny");
		User user = newUser();
		browser().login(user.username(), PASSWORD);

		Browser.Response fromNewDevice = new Browser(ORIGIN, CHROME_ON_WINDOWS).login(user.username(), PASSWORD);

		assertThat(fromNewDevice.status()).isEqualTo(403);
		assertThat(fromNewDevice.code()).isEqualTo("device_denied");
	}

	@Test
	void wrongPasswordStaysAPlainInvalidCredentialsWhateverTheDeviceAction() {
		this.deviceRisk.action("deny");
		User user = newUser();

		Browser.Response login = new Browser(ORIGIN, CHROME_ON_WINDOWS).login(user.username(), "not the password");

		assertThat(login.status()).isEqualTo(401);
		assertThat(login.code()).isEqualTo("invalid_credentials");
	}

}
