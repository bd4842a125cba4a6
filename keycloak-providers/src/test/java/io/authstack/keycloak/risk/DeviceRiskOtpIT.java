package io.authstack.keycloak.risk;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.authstack.testkit.KeycloakOutbox;
import io.authstack.testkit.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.authstack.keycloak.risk.DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS;
import static io.authstack.keycloak.risk.DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code require_otp}: risk-based step-up. The realm's flows are switched to ask for OTP only when the device
 * is new (their always-on conditional OTP subflows disabled), as a realm that uses this action would be.
 */
class DeviceRiskOtpIT extends DeviceRiskIntegrationTest {

	private static final String OTP_SECRET = "authstack-it-totp-secret";

	private static final Totp AUTHENTICATOR_APP = new Totp(OTP_SECRET);

	private static final String BROWSER_OTP_SUBFLOW = "authstack browser - conditional 2FA";

	private static final String DIRECT_GRANT_OTP_SUBFLOW = "authstack direct grant - conditional OTP";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private String username;

	@BeforeAll
	static void askForOtpOnlyOnRiskyLogins() {
		admin.subflowRequirement(DeviceRiskAdmin.BROWSER_FLOW, BROWSER_OTP_SUBFLOW, "DISABLED");
		admin.subflowRequirement(DeviceRiskAdmin.DIRECT_GRANT_FLOW, DIRECT_GRANT_OTP_SUBFLOW, "DISABLED");
		admin.configure(DeviceRiskAdmin.BROWSER_FLOW, Map.of(DeviceRiskConfig.ACTION, "require_otp"));
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.ACTION, "require_otp"));
	}

	@AfterAll
	static void restoreTheRealmsOtpSteps() {
		admin.subflowRequirement(DeviceRiskAdmin.BROWSER_FLOW, BROWSER_OTP_SUBFLOW, "CONDITIONAL");
		admin.subflowRequirement(DeviceRiskAdmin.DIRECT_GRANT_FLOW, DIRECT_GRANT_OTP_SUBFLOW, "CONDITIONAL");
	}

	@BeforeEach
	void freshUsername(TestInfo test) {
		this.username = "otp" + Integer.toHexString(test.getDisplayName().hashCode()) + System.nanoTime() % 100_000;
	}

	@Test
	void knownDeviceSignsInWithoutACode() {
		newUserWithOtp();
		assertThat(directGrant(FIREFOX_ON_LINUX, Map.of()).statusCode()).isEqualTo(200);

		assertThat(directGrant(FIREFOX_ON_LINUX, Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void newDeviceWithoutACodeIsAskedForOneAndNothingCountsAgainstTheUser() {
		String userId = newUserWithOtp();
		directGrant(FIREFOX_ON_LINUX, Map.of());

		HttpResponse<String> withoutCode = directGrant(CHROME_ON_WINDOWS, Map.of());

		assertThat(withoutCode.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(withoutCode.body());
		assertThat(error.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(error.get("error_description").asString()).isEqualTo(DeviceRiskAuthenticator.OTP_REQUIRED);
		assertThat(admin.events(userId, "LOGIN_ERROR").get(0).get("error").asString())
			.isEqualTo(DeviceRiskAuthenticator.OTP_REQUIRED);
		assertThat(admin.failedLogins(userId)).isZero();
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label).containsExactly("Firefox on Linux");
	}

	@Test
	void newDeviceWithAWrongCodeIsRefusedAndCountsAsAFailedLogin() {
		String userId = newUserWithOtp();
		directGrant(FIREFOX_ON_LINUX, Map.of());

		HttpResponse<String> wrongCode = directGrant(CHROME_ON_WINDOWS, Map.of("otp", AUTHENTICATOR_APP.wrong()));

		assertThat(wrongCode.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(wrongCode.body()).get("error").asString()).isEqualTo("invalid_grant");
		// Keycloak records failures asynchronously.
		await().atMost(Duration.ofSeconds(10)).until(() -> admin.failedLogins(userId) == 1);
		assertThat(admin.knownDevices(userId)).hasSize(1);
	}

	@Test
	void newDeviceWithTheRightCodeSignsInIsLearnedAndTheUserIsAlerted() {
		String userId = newUserWithOtp();
		directGrant(FIREFOX_ON_LINUX, Map.of());

		HttpResponse<String> withCode = directGrant(CHROME_ON_WINDOWS, Map.of("otp", AUTHENTICATOR_APP.now()));

		assertThat(withCode.statusCode()).isEqualTo(200);
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label)
			.containsExactly("Chrome on Windows", "Firefox on Linux");
		await().atMost(Duration.ofSeconds(15)).until(() -> mails().size() == 1);
		assertThat(mails().get(0).body()).contains("Chrome on Windows");
		assertThat(directGrant(CHROME_ON_WINDOWS, Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void userWithoutOtpIsOnlyNotified() {
		String userId = api.createUser(LoginClient.REALM, this.username, email(), PASSWORD);
		directGrant(FIREFOX_ON_LINUX, Map.of());

		HttpResponse<String> fromNewDevice = directGrant(CHROME_ON_WINDOWS, Map.of());

		assertThat(fromNewDevice.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15)).until(() -> mails().size() == 1);
		assertThat(admin.knownDevices(userId)).hasSize(2);
	}

	@Test
	void browserOnANewDeviceShowsKeycloaksOtpFormAndTheRightCodeCompletesTheLogin() {
		String userId = newUserWithOtp();
		client.browser(Map.of("User-Agent", FIREFOX_ON_LINUX)).logIn(this.username, PASSWORD);
		LoginClient.Browser otherBrowser = client.browser(Map.of("User-Agent", FIREFOX_ON_LINUX));

		HttpResponse<String> otpPage = otherBrowser.logIn(this.username, PASSWORD);

		assertThat(otpPage.statusCode()).isEqualTo(200);
		assertThat(otpPage.body()).contains("name=\"otp\"");
		HttpResponse<String> completed = otherBrowser.submit(otpPage, "kc-otp-login-form", Map.of("otp", AUTHENTICATOR_APP.now()));
		assertThat(completed.statusCode()).isEqualTo(302);
		assertThat(completed.headers().firstValue("Location").orElseThrow()).startsWith(LoginClient.REDIRECT_URI)
			.contains("code=");
		assertThat(admin.knownDevices(userId)).hasSize(2);
	}

	private String newUserWithOtp() {
		return api.createUserWithOtp(LoginClient.REALM, this.username, email(), PASSWORD, OTP_SECRET);
	}

	private HttpResponse<String> directGrant(String userAgent, Map<String, String> fields) {
		return client.passwordGrant(this.username, PASSWORD, Map.of("User-Agent", userAgent), fields);
	}

	private String email() {
		return this.username + "@example.test";
	}

	private List<KeycloakOutbox.Email> mails() {
		return outbox.to(email());
	}

}
