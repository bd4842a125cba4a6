package io.authstack.bff.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import io.authstack.bff.it.BffIntegrationTest;
import io.authstack.bff.it.DirectGrantDeviceRisk;
import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo SPA in a real browser: the system's headless Chromium, driven through chromedriver, against the
 * BFF, the real Keycloak and Redis. It asserts what a person sees, and that the page's JavaScript cannot
 * read the auth cookies while they carry the session.
 *
 * @see <a href="https://www.w3.org/TR/webdriver2/">WebDriver</a>
 * @see <a href="https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps">OAuth 2.0 for
 * Browser-Based Applications, BFF pattern</a>
 */
class DemoSpaBrowserIT extends BffIntegrationTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private ChromeDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver)").isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
		// The driver named outright: Selenium Manager, which would download one, never runs.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1100,900", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, PATIENCE);
	}

	@AfterEach
	void quitBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void passwordLoginShowsTheSessionRefreshesAndLogsOutWhileScriptsCannotReadTheCookies() throws IOException {
		User user = newUser();
		openSpa("/");
		visible("view-login");
		assertThat(this.driver.findElement(By.id("google-button")).isDisplayed()).as("Google not configured").isFalse();

		logInWithPassword(user.username(), PASSWORD);

		assertThat(visible("session-username").getText()).isEqualTo(user.username());
		assertThat(text("session-email")).isEqualTo(user.username() + "@example.test");
		assertThat(text("session-sub")).isEqualTo(user.id());
		Cookie access = this.driver.manage().getCookieNamed(ACCESS_COOKIE);
		assertThat(access).as("the session works through the access cookie").isNotNull();
		assertThat(access.isHttpOnly()).isTrue();
		assertThat(access.isSecure()).isTrue();
		assertThat(this.driver.manage().getCookieNamed(REFRESH_COOKIE)).isNull(); // Path=/api/auth: not this page's
		assertThat(documentCookie()).doesNotContain(ACCESS_COOKIE).doesNotContain(REFRESH_COOKIE);
		screenshot("demo-spa-session.png");

		click("refresh");

		assertThat(visible("notice").getText()).isEqualTo("Session refreshed: new cookies, new expiry.");
		assertThat(text("session-username")).isEqualTo(user.username());
		assertThat(this.driver.manage().getCookieNamed(ACCESS_COOKIE).getValue()).isNotEqualTo(access.getValue());
		assertThat(documentCookie()).doesNotContain(ACCESS_COOKIE).doesNotContain(REFRESH_COOKIE);

		click("logout");

		assertThat(visible("notice").getText()).isEqualTo("You are logged out.");
		visible("view-login");
		assertThat(this.driver.manage().getCookieNamed(ACCESS_COOKIE)).isNull();
		this.driver.navigate().refresh();
		visible("view-login");
		assertThat(this.driver.findElement(By.id("error")).isDisplayed()).as("a first visit is no error").isFalse();
		assertThat(contentSecurityPolicyViolations()).isEmpty();
	}

	@Test
	void callTheApiShowsTheDemoApisAnswerForTheUserThroughTheRelay() {
		User user = newUser();
		openSpa("/");
		logInWithPassword(user.username(), PASSWORD);
		visible("session-username");

		click("call-api");

		String answer = visible("api-answer").getText();
		assertThat(answer).contains("\"subject\": \"" + user.id() + "\"")
			.contains("\"demo-api\"")
			.contains("\"receivedCookie\": false");
		assertThat(contentSecurityPolicyViolations()).isEmpty();
	}

	@Test
	void redirectLoginGoesThroughKeycloaksLoginPageAndComesBackLoggedIn() {
		User user = newUser();
		openSpa("/");

		click("redirect-login");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-form-login")));
		assertThat(this.driver.getCurrentUrl()).startsWith(KEYCLOAK.baseUrl());
		this.driver.findElement(By.id("username")).sendKeys(user.username());
		this.driver.findElement(By.id("password")).sendKeys(PASSWORD);
		this.driver.findElement(By.id("kc-login")).click();

		assertThat(visible("session-username").getText()).isEqualTo(user.username());
		assertThat(this.driver.getCurrentUrl()).isEqualTo(ORIGIN + "/");
		assertThat(this.driver.manage().getCookieNamed(ACCESS_COOKIE).isHttpOnly()).isTrue();
		assertThat(documentCookie()).doesNotContain(ACCESS_COOKIE).doesNotContain(REFRESH_COOKIE);
	}

	@Test
	void keycloakErrorRedirectIsShownAsASentenceNotAsJson() {
		openSpa("/");
		click("redirect-login");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-form-login")));
		String state = UriComponentsBuilder.fromUriString(this.driver.getCurrentUrl())
			.build()
			.getQueryParams()
			.getFirst("state");

		// What Keycloak sends the browser back with when a login ends in an error (RFC 6749 §4.1.2.1, RFC 9207).
		openSpa("/api/auth/callback?error=access_denied&state=" + state + "&iss="
				+ URLEncoder.encode(KEYCLOAK.realmUrl(AuthstackKeycloak.REALM), StandardCharsets.UTF_8));

		assertThat(visible("error").getText()).isEqualTo("The login did not succeed. Please try again.");
		assertThat(this.driver.getCurrentUrl()).isEqualTo(ORIGIN + "/");
		assertThat(this.driver.getPageSource()).doesNotContain("urn:authstack:problem");
		visible("view-login");
		assertThat(this.driver.manage().getCookieNamed(ACCESS_COOKIE)).isNull();
	}

	@Test
	void wrongPasswordIsShownAsASentenceAndNoSessionStarts() {
		User user = newUser();
		openSpa("/");

		logInWithPassword(user.username(), "not the password at all");

		assertThat(visible("error").getText()).isEqualTo("The username or password is not right.");
		assertThat(this.driver.findElement(By.id("view-login")).isDisplayed()).isTrue();
		assertThat(this.driver.manage().getCookieNamed(ACCESS_COOKIE)).isNull();
	}

	@Test
	void accountPagesAreServedAtTheirEmailLinkPaths() {
		openSpa("/register");
		visible("view-register");
		assertThat(this.driver.findElement(By.cssSelector("#register input[name=email]")).isDisplayed()).isTrue();

		openSpa("/forgot-password");
		visible("view-reset-request");

		// A reset link's token is taken out of the address bar before anything else happens.
		openSpa("/reset-password#token=from-the-email");
		visible("view-reset-confirm");
		assertThat(this.driver.getCurrentUrl()).isEqualTo(ORIGIN + "/reset-password");

		openSpa("/login");
		visible("view-login");
		assertThat(contentSecurityPolicyViolations()).isEmpty();
	}

	@Test
	void everyPageAndScriptCarriesAStrictContentSecurityPolicy() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/", "/app.js", "/app.css", "/login", "/verify-email", "/api/spa/config")) {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(ORIGIN + path)).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'none'", "script-src 'self';",
						"frame-ancestors 'none'").doesNotContain("unsafe-inline", "accounts.google.com"));
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
		}
	}

	@Test
	void newDeviceOfAnOtpUserIsAskedForTheCodeInWordsAndLogsInWithIt() {
		DirectGrantDeviceRisk deviceRisk = new DirectGrantDeviceRisk(KEYCLOAK);
		deviceRisk.askForOtpOnlyOnNewDevices();
		try {
			String username = deviceRisk.newUserWithOtp(PASSWORD);
			deviceRisk.logInFromAnotherDevice(username, PASSWORD);
			openSpa("/");

			logInWithPassword(username, PASSWORD);

			assertThat(visible("error").getText()).isEqualTo(
					"This device is new to your account: enter the code from your authenticator app.");
			visible("otp-field").findElement(By.name("otp")).sendKeys(deviceRisk.otpCode());
			visible("password-login").findElement(By.cssSelector("button[type=submit]")).click();
			assertThat(visible("session-username").getText()).isEqualTo(username);
		}
		finally {
			deviceRisk.restore();
		}
	}

	private void openSpa(String path) {
		this.driver.get(ORIGIN + path);
		this.wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
	}

	private void logInWithPassword(String username, String password) {
		WebElement form = visible("password-login");
		form.findElement(By.name("username")).sendKeys(username);
		form.findElement(By.name("password")).sendKeys(password);
		form.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private WebElement visible(String id) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	private void click(String id) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
	}

	private String documentCookie() {
		return (String) ((JavascriptExecutor) this.driver).executeScript("return document.cookie");
	}

	private List<String> contentSecurityPolicyViolations() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	/** One picture of the logged-in page, for a person to look at: {@code target/demo-spa-session.png}. */
	private void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), Path.of("target", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

}
