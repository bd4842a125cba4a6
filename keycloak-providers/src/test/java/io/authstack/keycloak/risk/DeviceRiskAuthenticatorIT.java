package io.authstack.keycloak.risk;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.authstack.keycloak.firstparty.ChallengeClient;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code device-risk} authenticator in a real Keycloak, in the realm's own browser and direct-grant
 * flows, mailing through a real SMTP server; every assertion goes through Keycloak's HTTP APIs or the
 * mailbox.
 */
class DeviceRiskAuthenticatorIT extends DeviceRiskIntegrationTest {

	static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	static final String SAFARI_ON_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/18.1 Safari/605.1.15";

	static final String FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 "
			+ "Firefox/133.0";

	static final String CHROME_ON_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

	private static final Duration MAIL_WAIT = Duration.ofSeconds(15);

	private String username;

	@BeforeEach
	void realmDefaultsAndAFreshUser(TestInfo test) {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of());
		admin.configure(DeviceRiskAdmin.BROWSER_FLOW, Map.of());
		admin.configure(DeviceRiskAdmin.FIRST_PARTY_FLOW, Map.of());
		this.username = "u" + Integer.toHexString(test.getDisplayName().hashCode()) + System.nanoTime() % 100_000;
	}

	@Test
	void providerIsListedWithEveryConfigPropertyLabelledAndExplained() {
		JsonNode providers = api.adminGet("/admin/serverinfo").path("providers").path("authenticator").path("providers");
		JsonNode description = api.adminGet("/admin/realms/authstack/authentication/config-description/"
				+ DeviceRiskAuthenticatorFactory.PROVIDER_ID);

		assertThat(providers.has(DeviceRiskAuthenticatorFactory.PROVIDER_ID)).isTrue();
		assertThat(description.get("name").asString()).isEqualTo("Device and network risk check");
		assertThat(description.get("properties").valueStream().map((p) -> p.get("name").asString()))
			.containsExactlyInAnyOrderElementsOf(
					DeviceRiskConfigProperties.PROPERTIES.stream().map((p) -> p.getName()).toList())
			.contains(DeviceRiskConfig.ACTION, DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS,
					DeviceRiskConfig.IPV4_PREFIX_LENGTH, DeviceRiskConfig.IPV6_PREFIX_LENGTH,
					DeviceRiskConfig.DEVICES_KEPT, DeviceRiskConfig.TRUST_LIFETIME_DAYS);
		description.get("properties").forEach((property) -> {
			assertThat(property.get("label").asString()).isNotBlank();
			assertThat(property.get("helpText").asString()).isNotBlank();
		});
	}

	@Test
	void realmRunsTheCheckInItsBrowserAndDirectGrantFlowsAndKeepsKeycloaksOtherFlows() {
		JsonNode realm = api.adminGet("/admin/realms/" + LoginClient.REALM);
		List<String> flows = api.adminGet("/admin/realms/" + LoginClient.REALM + "/authentication/flows")
			.valueStream()
			.map((flow) -> flow.get("alias").asString())
			.toList();

		assertThat(realm.get("browserFlow").asString()).isEqualTo(DeviceRiskAdmin.BROWSER_FLOW);
		assertThat(realm.get("directGrantFlow").asString()).isEqualTo(DeviceRiskAdmin.DIRECT_GRANT_FLOW);
		assertThat(flows).contains(DeviceRiskAdmin.BROWSER_FLOW, DeviceRiskAdmin.DIRECT_GRANT_FLOW, "browser",
				"direct grant", "registration", "reset credentials", "clients", "first broker login", "docker auth");
		assertThat(realm.get("resetCredentialsFlow").asString()).isEqualTo("reset credentials");
		assertThat(realm.get("registrationFlow").asString()).isEqualTo("registration");
		assertThat(realm.get("clientAuthenticationFlow").asString()).isEqualTo("clients");
	}

	@Test
	void knownDevicesAreAdminOnlyInTheUserProfile() {
		JsonNode attribute = api.adminGet("/admin/realms/" + LoginClient.REALM + "/users/profile")
			.get("attributes")
			.valueStream()
			.filter((a) -> a.get("name").asString().equals(KnownDeviceStore.ATTRIBUTE))
			.findFirst()
			.orElseThrow();

		assertThat(attribute.get("multivalued").asBoolean()).isTrue();
		assertThat(attribute.path("permissions").path("view").valueStream().map(JsonNode::asString)).containsExactly("admin");
		assertThat(attribute.path("permissions").path("edit").valueStream().map(JsonNode::asString)).containsExactly("admin");
	}

	@Test
	void firstLoginFromADeviceSucceedsWithoutAlertAndLearnsTheDevice() {
		String userId = newUser();

		HttpResponse<String> login = directGrant(FIREFOX_ON_LINUX);

		assertThat(login.statusCode()).isEqualTo(200);
		List<KnownDevice> devices = admin.knownDevices(userId);
		assertThat(devices).singleElement().satisfies((device) -> {
			assertThat(device.label()).isEqualTo("Firefox on Linux");
			assertThat(device.ipPrefix()).isEqualTo("127.0.0.0/24");
			assertThat(device.firstSeen()).isEqualTo(device.lastSeen()).isPositive();
			assertThat(device.id()).hasSize(43);
		});
		assertThat(mailsTo(this.username)).isEmpty();
		JsonNode event = admin.events(userId, "LOGIN").get(0);
		assertThat(event.path("details").path("device_label").asString()).isEqualTo("Firefox on Linux");
		assertThat(event.path("details").path("risk_reasons").asString()).isEmpty();
	}

	@Test
	void firstDeviceAlertsWhenTheAdminAsksForIt() throws Exception {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.ALERT_ON_FIRST_DEVICE, "true"));
		String userId = newUser();

		assertThat(directGrant(FIREFOX_ON_LINUX).statusCode()).isEqualTo(200);

		await().atMost(MAIL_WAIT).until(() -> mailsTo(this.username).size() == 1);
		assertThat(mailsTo(this.username).get(0).body()).contains("Firefox on Linux");
		assertThat(admin.knownDevices(userId)).hasSize(1);
	}

	@Test
	void secondLoginFromTheSameDeviceIsSilent() {
		String userId = newUser();
		directGrant(FIREFOX_ON_LINUX);

		HttpResponse<String> again = directGrant(FIREFOX_ON_LINUX);

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(admin.knownDevices(userId)).hasSize(1);
		assertThat(mailsTo(this.username)).isEmpty();
	}

	@Test
	void newUserAgentWithNotifySucceedsAndSendsExactlyOneAlertNamingTheDevice() throws Exception {
		String userId = newUser();
		directGrant(FIREFOX_ON_LINUX);

		HttpResponse<String> fromNewDevice = directGrant(CHROME_ON_WINDOWS);

		assertThat(fromNewDevice.statusCode()).isEqualTo(200);
		await().atMost(MAIL_WAIT).until(() -> mailsTo(this.username).size() == 1);
		KeycloakOutbox.Email alert = mailsTo(this.username).get(0);
		assertThat(alert.subject()).isEqualTo("New sign-in to your authstack account");
		assertThat(alert.body()).contains("Chrome on Windows").contains("127.0.0.0/24");
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label)
			.containsExactly("Chrome on Windows", "Firefox on Linux");
		assertThat(admin.events(userId, "LOGIN").get(0).path("details").path("risk_reasons").asString())
			.isEqualTo("new_device");
		directGrant(CHROME_ON_WINDOWS);
		assertThat(mailsTo(this.username)).hasSize(1);
	}

	@Test
	void newNetworkBehindTheTrustedProxyIsDetectedAndAlertsWhenConfigured() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS, "true"));
		String userId = newUser();
		// The test speaks from loopback, which the server trusts as the BFF, so X-Forwarded-For counts.
		directGrant(FIREFOX_ON_LINUX, "198.51.100.7");
		directGrant(FIREFOX_ON_LINUX, "198.51.100.200");
		assertThat(mailsTo(this.username)).isEmpty();

		HttpResponse<String> fromElsewhere = directGrant(FIREFOX_ON_LINUX, "203.0.113.9");

		assertThat(fromElsewhere.statusCode()).isEqualTo(200);
		await().atMost(MAIL_WAIT).until(() -> mailsTo(this.username).size() == 1);
		assertThat(admin.knownDevices(userId)).singleElement()
			.satisfies((device) -> assertThat(device.ipPrefix()).isEqualTo("203.0.113.0/24"));
		assertThat(admin.events(userId, "LOGIN").get(0).path("details").path("risk_reasons").asString())
			.isEqualTo("new_ip_prefix");
	}

	@Test
	void forwardedForFromAnAddressThatIsNotATrustedProxyIsIgnored() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.IP_PREFIX_CHANGE_COUNTS, "true"));
		String userId = newUser();

		int status = client.passwordGrantFromUntrustedAddress(this.username, PASSWORD,
				Map.of("User-Agent", FIREFOX_ON_LINUX, "X-Forwarded-For", "203.0.113.9"));

		assertThat(status).isEqualTo(200);
		assertThat(admin.events(userId, "LOGIN").get(0).get("ipAddress").asString()).isEqualTo("127.0.0.2");
		assertThat(admin.knownDevices(userId)).singleElement()
			.satisfies((device) -> assertThat(device.ipPrefix()).isEqualTo("127.0.0.0/24"));
	}

	@Test
	void denyRefusesTheNewDeviceWithInvalidGrantAndRecordsTheEvent() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.ACTION, "deny"));
		String userId = newUser();
		assertThat(directGrant(FIREFOX_ON_LINUX).statusCode()).isEqualTo(200);

		HttpResponse<String> fromNewDevice = directGrant(CHROME_ON_WINDOWS);

		assertThat(fromNewDevice.statusCode()).isEqualTo(400);
		JsonNode error = JsonMapper.builder().build().readTree(fromNewDevice.body());
		assertThat(error.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(error.get("error_description").asString()).isEqualTo(DeviceRiskAuthenticator.DEVICE_DENIED);
		JsonNode event = admin.events(userId, "LOGIN_ERROR").get(0);
		assertThat(event.get("error").asString()).isEqualTo(DeviceRiskAuthenticator.DEVICE_DENIED);
		assertThat(event.path("details").path("risk_reasons").asString()).isEqualTo("new_device");
		assertThat(event.path("details").path("device_label").asString()).isEqualTo("Chrome on Windows");
		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label).containsExactly("Firefox on Linux");
		assertThat(mailsTo(this.username)).isEmpty();
	}

	@Test
	void denyAtTheAuthorizationChallengeEndpointIsAccessDeniedWithTheRiskReasonsInKeycloaksEvent() {
		admin.configure(DeviceRiskAdmin.FIRST_PARTY_FLOW, Map.of(DeviceRiskConfig.ACTION, "deny"));
		String userId = newUser();
		assertThat(new ChallengeClient(api, Map.of("User-Agent", FIREFOX_ON_LINUX)).start(this.username, PASSWORD)
			.status()).isEqualTo(200);

		KeycloakApi.Answer fromNewDevice = new ChallengeClient(api, Map.of("User-Agent", CHROME_ON_WINDOWS))
			.start(this.username, PASSWORD);

		assertThat(fromNewDevice.status()).isEqualTo(400);
		assertThat(fromNewDevice.body().get("error").asString()).isEqualTo("access_denied");
		assertThat(fromNewDevice.body().get("error_description").asString()).isEqualTo(DeviceRiskAuthenticator.DEVICE_DENIED);
		assertThat(fromNewDevice.body().has("auth_session")).isFalse();
		JsonNode event = admin.events(userId, "LOGIN_ERROR").get(0);
		assertThat(event.get("error").asString()).isEqualTo(DeviceRiskAuthenticator.DEVICE_DENIED);
		assertThat(event.path("details").path("risk_reasons").asString()).isEqualTo("new_device");
	}

	@Test
	void deviceListKeepsOnlyTheNewestDevices() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.DEVICES_KEPT, "3"));
		String userId = newUser();

		for (String userAgent : List.of(FIREFOX_ON_LINUX, CHROME_ON_WINDOWS, SAFARI_ON_MAC, FIREFOX_ON_WINDOWS,
				CHROME_ON_ANDROID)) {
			assertThat(directGrant(userAgent).statusCode()).isEqualTo(200);
		}

		assertThat(admin.knownDevices(userId)).extracting(KnownDevice::label)
			.containsExactlyInAnyOrder("Chrome Mobile on Android", "Firefox on Windows", "Safari on Mac OS X");
	}

	@Test
	void failedLoginDoesNotLearnTheDevice() {
		String userId = newUser();

		HttpResponse<String> failed = client.passwordGrant(this.username, "wrong password entirely",
				Map.of("User-Agent", FIREFOX_ON_LINUX));

		assertThat(failed.statusCode()).isEqualTo(400);
		assertThat(failed.body()).contains("invalid_grant");
		assertThat(admin.knownDevices(userId)).isEmpty();
	}

	@Test
	void recentFailuresAreReportedInTheLoginEvent() {
		admin.configure(DeviceRiskAdmin.DIRECT_GRANT_FLOW, Map.of(DeviceRiskConfig.RECENT_FAILURES_THRESHOLD, "1"));
		String userId = newUser();
		directGrant(FIREFOX_ON_LINUX);
		client.passwordGrant(this.username, "wrong password entirely", Map.of("User-Agent", FIREFOX_ON_LINUX));
		// Keycloak records failures asynchronously.
		await().atMost(Duration.ofSeconds(10)).until(() -> admin.failedLogins(userId) == 1);

		assertThat(directGrant(FIREFOX_ON_LINUX).statusCode()).isEqualTo(200);

		assertThat(admin.events(userId, "LOGIN").get(0).path("details").path("risk_reasons").asString())
			.isEqualTo("recent_failures");
		assertThat(mailsTo(this.username)).isEmpty();
	}

	@Test
	void browserFlowRecognisesTheBrowserByItsDeviceCookie() throws Exception {
		String userId = newUser();
		LoginClient.Browser firefox = client.browser(Map.of("User-Agent", FIREFOX_ON_LINUX, "Accept-Language", "en"));

		HttpResponse<String> first = firefox.logIn(this.username, PASSWORD);

		assertThat(first.statusCode()).isEqualTo(302);
		assertThat(first.headers().firstValue("Location").orElseThrow()).startsWith(LoginClient.REDIRECT_URI)
			.contains("code=");
		assertThat(firefox.cookie(DeviceCookie.NAME)).get().asString().hasSize(43);
		assertThat(admin.knownDevices(userId)).singleElement()
			.satisfies((device) -> assertThat(device.label()).isEqualTo("Firefox on Linux"));

		// The same browser, its session gone but its device cookie kept: a known device, no alert.
		HttpResponse<String> sameBrowser = firefox.keepingOnly(DeviceCookie.NAME).logIn(this.username, PASSWORD);
		assertThat(sameBrowser.statusCode()).isEqualTo(302);
		assertThat(admin.knownDevices(userId)).hasSize(1);
		assertThat(mailsTo(this.username)).isEmpty();

		// Identical headers but no device cookie: another browser, so a new device and one alert.
		HttpResponse<String> otherBrowser = client.browser(Map.of("User-Agent", FIREFOX_ON_LINUX, "Accept-Language", "en"))
			.logIn(this.username, PASSWORD);
		assertThat(otherBrowser.statusCode()).isEqualTo(302);
		await().atMost(MAIL_WAIT).until(() -> mailsTo(this.username).size() == 1);
		assertThat(mailsTo(this.username).get(0).body()).contains("Firefox on Linux");
		assertThat(admin.knownDevices(userId)).hasSize(2);
		JsonNode login = admin.events(userId, "LOGIN").get(0);
		assertThat(login.path("details").path("risk_reasons").asString()).isEqualTo("new_device");
		assertThat(login.path("details").path("device_label").asString()).isEqualTo("Firefox on Linux");
	}

	@Test
	void browserFlowWithDenyShowsAnErrorPageAndIssuesNoCode() {
		admin.configure(DeviceRiskAdmin.BROWSER_FLOW, Map.of(DeviceRiskConfig.ACTION, "deny"));
		String userId = newUser();
		client.browser(Map.of("User-Agent", FIREFOX_ON_LINUX)).logIn(this.username, PASSWORD);

		HttpResponse<String> otherBrowser = client.browser(Map.of("User-Agent", FIREFOX_ON_LINUX))
			.logIn(this.username, PASSWORD);

		assertThat(otherBrowser.statusCode()).isEqualTo(403);
		assertThat(otherBrowser.headers().firstValue("Location")).isEmpty();
		assertThat(admin.events(userId, "LOGIN_ERROR").get(0).get("error").asString())
			.isEqualTo(DeviceRiskAuthenticator.DEVICE_DENIED);
		assertThat(admin.knownDevices(userId)).hasSize(1);
	}

	private String newUser() {
		return api.createUser(LoginClient.REALM, this.username, this.username + "@example.test", PASSWORD);
	}

	private HttpResponse<String> directGrant(String userAgent) {
		return client.passwordGrant(this.username, PASSWORD, Map.of("User-Agent", userAgent));
	}

	private HttpResponse<String> directGrant(String userAgent, String forwardedFor) {
		// As the BFF forwards it: the browser's address, and HTTPS, which the BFF terminated.
		return client.passwordGrant(this.username, PASSWORD,
				Map.of("User-Agent", userAgent, "X-Forwarded-For", forwardedFor, "X-Forwarded-Proto", "https"));
	}

	private static List<KeycloakOutbox.Email> mailsTo(String username) {
		return outbox.to(username + "@example.test");
	}

}
