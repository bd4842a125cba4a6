package io.authstack.keycloak.risk;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authstack.keycloak.firstparty.ChallengeClient;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code require_email_approval}: a new device is refused until the user opens the expiring link emailed to them
 * and approves the sign-in on the page it shows, which approves exactly that device, once.
 */
class DeviceApprovalIT extends DeviceRiskIntegrationTest {

	private static final Pattern APPROVAL_LINK = Pattern.compile("(http\\S+/login-actions/action-token\\?\\S+)");

	private static final String APPROVED_TEXT = "The device is approved";

	private static final String APPROVE_FORM = "device-risk-approve";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private String username;

	@BeforeEach
	void approvalRequiredAndAFreshUser() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.ACTION, "require_email_approval"));
		admin.configure(DeviceRiskAdmin.BROWSER_FLOW, Map.of(DeviceRiskConfig.ACTION, "require_email_approval"));
		admin.configure(DeviceRiskAdmin.FIRST_PARTY_FLOW, Map.of(DeviceRiskConfig.ACTION, "require_email_approval"));
		this.username = "appr" + System.nanoTime() % 1_000_000;
	}

	@Test
	void directGrantFromANewDeviceIsRefusedUntilTheEmailedLinkApprovesItAndTheLinkWorksOnce() throws Exception {
		String userId = newUser();
		assertThat(directGrant(DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX).statusCode()).isEqualTo(200);

		HttpResponse<String> refused = directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS);

		assertThat(refused.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(refused.body());
		assertThat(error.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(error.get("error_description").asString()).isEqualTo(DeviceRiskAuthenticator.DEVICE_APPROVAL_REQUIRED);
		assertThat(admin.events(userId, "LOGIN_ERROR").get(0).get("error").asString())
			.isEqualTo(DeviceRiskAuthenticator.DEVICE_APPROVAL_REQUIRED);
		String link = approvalLink();
		assertThat(directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS).statusCode()).isEqualTo(400);
		assertThat(mailsTo(this.username)).as("a retry sends no second email while the link is valid").hasSize(1);

		LoginClient.Browser mailReader = client.browser(Map.of());
		HttpResponse<String> page = mailReader.open(link);
		HttpResponse<String> approval = mailReader.submit(page, APPROVE_FORM);

		assertThat(approval.statusCode()).isEqualTo(200);
		assertThat(approval.body()).contains(APPROVED_TEXT);
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label)
			.containsExactly("Chrome on Windows", "Firefox on Linux");
		assertThat(directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS).statusCode()).isEqualTo(200);
		HttpResponse<String> reopened = client.open(link);
		assertThat(reopened.statusCode()).isEqualTo(400);
		assertThat(reopened.body()).doesNotContain(APPROVED_TEXT).doesNotContain(APPROVE_FORM);
		HttpResponse<String> resubmitted = mailReader.submit(page, APPROVE_FORM);
		assertThat(resubmitted.statusCode()).isEqualTo(400);
		assertThat(resubmitted.body()).doesNotContain(APPROVED_TEXT);
	}

	@Test
	void theAuthorizationChallengeEndpointAsksForTheApprovalAsARoundAndSignsInOnceTheLinkWasFollowed() {
		newUser();
		ChallengeClient knownDevice = new ChallengeClient(api, Map.of("User-Agent", DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX));
		assertThat(knownDevice.start(this.username, PASSWORD).status()).isEqualTo(200);
		ChallengeClient newDevice = new ChallengeClient(api, Map.of("User-Agent", DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS));

		KeycloakApi.Answer first = newDevice.start(this.username, PASSWORD);

		assertThat(first.status()).isEqualTo(400);
		assertThat(first.body().get("error").asString()).isEqualTo("insufficient_authorization");
		assertThat(first.body().get("next_step").asString()).isEqualTo("device_approval");
		String link = approvalLink();
		KeycloakApi.Answer stillWaiting = newDevice.next(first.body().get("auth_session").asString(), Map.of());
		assertThat(stillWaiting.body().get("next_step").asString()).isEqualTo("device_approval");
		assertThat(mailsTo(this.username)).as("asking again sends no second email").hasSize(1);
		assertThat(approveInABrowser(link).body()).contains(APPROVED_TEXT);
		KeycloakApi.Answer approved = newDevice.next(stillWaiting.body().get("auth_session").asString(), Map.of());
		assertThat(approved.status()).isEqualTo(200);
		assertThat(newDevice.exchange(approved.body().get("authorization_code").asString()).status()).isEqualTo(200);
	}

	/** The attack: the attacker holds the password; the victim's mail scanner fetches every link it receives. */
	@Test
	void mailScannerFetchingTheLinkApprovesNothing() {
		String userId = newUser();
		directGrant(DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX);
		directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS);
		String link = approvalLink();

		HttpResponse<String> scanned = client.open(link);
		HttpResponse<String> scannedAgain = client.open(link);

		assertThat(scanned.statusCode()).isEqualTo(200);
		assertThat(scanned.body()).contains("Approve this sign-in from Chrome on Windows?")
			.contains("id=\"" + APPROVE_FORM + "\"")
			.doesNotContain(APPROVED_TEXT);
		assertThat(scannedAgain.body()).doesNotContain(APPROVED_TEXT);
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label).containsExactly("Firefox on Linux");
		HttpResponse<String> pending = directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS);
		assertThat(pending.statusCode()).isEqualTo(400);
		assertThat(pending.body()).contains(DeviceRiskAuthenticator.DEVICE_APPROVAL_REQUIRED);
		assertThat(approveInABrowser(link).body()).as("the link still works for its owner").contains(APPROVED_TEXT);
		assertThat(directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS).statusCode()).isEqualTo(200);
	}

	/** A forged cross-site POST, or a copied form: the approval form only works in the session that showed it. */
	@Test
	void approvalFormPostedFromAnotherBrowserSessionApprovesNothing() {
		String userId = newUser();
		directGrant(DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX);
		directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS);
		HttpResponse<String> page = client.browser(Map.of()).open(approvalLink());

		HttpResponse<String> forged = client.browser(Map.of()).submit(page, APPROVE_FORM);

		assertThat(forged.body()).doesNotContain(APPROVED_TEXT);
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label).containsExactly("Firefox on Linux");
		assertThat(directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS).statusCode()).isEqualTo(400);
	}

	@Test
	void approvalOfOneDeviceDoesNotApproveAnother() throws Exception {
		newUser();
		directGrant(DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX);
		directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS);

		assertThat(approveInABrowser(approvalLink()).body()).contains(APPROVED_TEXT);

		HttpResponse<String> otherDevice = directGrant(DeviceRiskAuthenticatorIT.SAFARI_ON_MAC);
		assertThat(otherDevice.statusCode()).isEqualTo(400);
		assertThat(otherDevice.body()).contains(DeviceRiskAuthenticator.DEVICE_APPROVAL_REQUIRED);
	}

	@Test
	void approvalLinkDoesNotWorkAfterItExpires() throws Exception {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.ACTION, "require_email_approval",
				DeviceRiskConfig.APPROVAL_LINK_LIFETIME_MINUTES, "1"));
		String userId = newUser();
		directGrant(DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX);
		directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS);
		String link = approvalLink();
		long expiresAt = expiryOf(link);
		assertThat(expiresAt - Instant.now().getEpochSecond()).isBetween(30L, 61L);

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Instant.now().getEpochSecond() > expiresAt + 1);
		HttpResponse<String> late = client.open(link);

		assertThat(late.statusCode()).isEqualTo(400);
		assertThat(late.body()).doesNotContain(APPROVED_TEXT);
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label).containsExactly("Firefox on Linux");
		assertThat(directGrant(DeviceRiskAuthenticatorIT.CHROME_ON_WINDOWS).statusCode()).isEqualTo(400);
	}

	@Test
	void browserLoginWaitsOnTheCheckEmailPageAndContinuesOnceApproved() throws Exception {
		String userId = newUser();
		client.browser(Map.of("User-Agent", DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX)).logIn(this.username, PASSWORD);
		LoginClient.Browser otherBrowser = client.browser(Map.of("User-Agent", DeviceRiskAuthenticatorIT.FIREFOX_ON_LINUX));

		HttpResponse<String> waiting = otherBrowser.logIn(this.username, PASSWORD);

		assertThat(waiting.statusCode()).isEqualTo(200);
		assertThat(waiting.body()).contains("device-risk-check-email");
		HttpResponse<String> tooEarly = otherBrowser.submit(waiting, "device-risk-continue");
		assertThat(tooEarly.statusCode()).isEqualTo(200);
		assertThat(tooEarly.body()).contains("has not been approved yet");
		assertThat(approveInABrowser(approvalLink()).body()).contains(APPROVED_TEXT);

		HttpResponse<String> continued = otherBrowser.submit(tooEarly, "device-risk-continue");

		assertThat(continued.statusCode()).isEqualTo(302);
		assertThat(continued.headers().firstValue("Location").orElseThrow()).startsWith(LoginClient.REDIRECT_URI)
			.contains("code=");
		assertThat(admin.knownDevices(userId)).hasSize(2);
		assertThat(mailsTo(this.username)).hasSize(1);
	}

	/** The user opens the link from their email in a browser and approves the sign-in on the page it shows. */
	private static HttpResponse<String> approveInABrowser(String link) {
		LoginClient.Browser browser = client.browser(Map.of());
		HttpResponse<String> page = browser.open(link);
		assertThat(page.statusCode()).isEqualTo(200);
		return browser.submit(page, APPROVE_FORM);
	}

	private String newUser() {
		return api.createUser(LoginClient.REALM, this.username, this.username + "@example.test", PASSWORD);
	}

	private HttpResponse<String> directGrant(String userAgent) {
		return client.passwordGrant(this.username, PASSWORD, Map.of("User-Agent", userAgent));
	}

	/** The link of the one approval email the user got. */
	private String approvalLink() {
		await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(this.username).size() == 1);
		KeycloakOutbox.Email mail = mailsTo(this.username).get(0);
		assertThat(mail.subject()).isEqualTo("Approve a new device for your authstack account");
		Matcher link = APPROVAL_LINK.matcher(mail.body());
		assertThat(link.find()).as("approval link in the email").isTrue();
		return link.group(1);
	}

	private static long expiryOf(String link) {
		String token = link.replaceAll(".*[?&]key=([^&]+).*", "$1");
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return JSON.readTree(payload).get("exp").asLong();
	}

	private static List<KeycloakOutbox.Email> mailsTo(String username) {
		return outbox.to(username + "@example.test");
	}

}
