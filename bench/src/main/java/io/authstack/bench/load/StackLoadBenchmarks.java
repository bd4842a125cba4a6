package io.authstack.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.authstack.testkit.AuthenticationFlows;
import io.authstack.testkit.FreePorts;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.ServiceProcess;
import io.authstack.testkit.TestKeycloak;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load benchmarks against the real stack on loopback: Keycloak as the tests start it (our providers, the
 * realm imported, PostgreSQL), the BFF's jar in its own process, Redis. Each pair runs in one go, alternating:
 * <ol>
 * <li>{@code GET /api/auth/session} with a valid cookie vs. the BFF's unauthenticated health endpoint vs. asking
 * Keycloak's userinfo for the same user and client;</li>
 * <li>{@code POST /api/auth/refresh} vs. Keycloak's refresh grant called directly, each client thread with its
 * own session (both rotate the refresh token);</li>
 * <li>{@code POST /api/auth/login} vs. Keycloak's password grant called directly, and that grant again with the
 * device-risk authenticator switched off in the realm's direct grant flow (through the admin REST API, per
 * round);</li>
 * <li>the notification worker vs. a plain JavaMail loop ({@link EmailDelivery});</li>
 * <li>the peak resident memory of the BFF and the worker after their load.</li>
 * </ol>
 * What the load needs of the realm it sets through the admin REST API at run time; the realm file stays as it ships.
 */
public final class StackLoadBenchmarks {

	private static final Logger logger = LoggerFactory.getLogger(StackLoadBenchmarks.class);

	private static final String USERNAME = "bench";

	private static final String PASSWORD = "bench-password-" + Long.toHexString(new SecureRandom().nextLong());

	private static final String CLIENT_ID = "authstack-bff";

	private static final String CLIENT_SECRET = "dev-only-bff-client-secret-change-me";

	private static final String ACCESS_COOKIE = "__Host-Http-access";

	private static final String REFRESH_COOKIE = "__Secure-Http-refresh";

	/** The realm's direct grant flow, whose device-risk execution pair 3 switches. */
	private static final String DIRECT_GRANT_FLOW = "authstack direct grant";

	private static final String DEVICE_RISK = "device-risk";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpLoad load;

	private final EmailDelivery email;

	private AuthenticationFlows flows;

	private boolean deviceRiskOn;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private URI bff;

	private URI realm;

	public StackLoadBenchmarks(HttpLoad load, EmailDelivery email) {
		this.load = load;
		this.email = email;
	}

	/** Starts Keycloak, the BFF and the worker, runs the pairs, stops the BFF and worker (Keycloak stops with the JVM). */
	public Results run(Path root) throws IOException, InterruptedException, TimeoutException {
		logger.info("Starting Keycloak (build and start take a minute or two) ...");
		KeycloakServer keycloak = TestKeycloak.get();
		this.realm = URI.create(keycloak.realmUrl(AuthstackKeycloak.REALM));
		KeycloakApi api = new KeycloakApi(keycloak);
		api.createUser(AuthstackKeycloak.REALM, USERNAME, "bench@authstack.localhost", PASSWORD);
		// Brute-force detection locks one user logging in hundreds of times a second from eight threads
		// (user_temporarily_disabled); both sides of the login pair run without it.
		api.adminPut("/admin/realms/" + AuthstackKeycloak.REALM, Map.of("bruteForceProtected", false));
		// Pair 3 switches the device-risk check per round; it starts as the realm ships it, on.
		this.flows = new AuthenticationFlows(api, AuthstackKeycloak.REALM);
		this.flows.requirement(DIRECT_GRANT_FLOW, DEVICE_RISK, "REQUIRED");
		this.deviceRiskOn = true;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		String cookieSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		logger.info("Starting the BFF ...");
		Map<String, OptionalLong> peakRss = new LinkedHashMap<>();
		List<LoadResult> session;
		List<LoadResult> refresh;
		List<LoadResult> login;
		int port = FreePorts.next();
		try (ServiceProcess process = ServiceProcess.start(root, "cookie-bff", port, bffArguments(port, cookieSecret),
				root.resolve("bench/target/cookie-bff.log"))) {
			this.bff = process.baseUrl();
			ServerCpu servers = ServerCpu.none()
				.with("BFF", process.pid())
				.with("Keycloak", keycloak.pid())
				.withExecutable("Redis", "redis-server");
			logger.info("Pair 1: session check vs. health vs. Keycloak ...");
			session = sessionPair(servers);
			logger.info("Pair 2: refresh ...");
			refresh = this.load.compare(scenarios("BFF POST /api/auth/refresh", this::bffRefreshClient,
					"Keycloak refresh grant, direct", this::keycloakRefreshClient), servers);
			logger.info("Pair 3: login, with and without the device-risk check ...");
			Map<String, HttpLoad.Scenario> logins = new LinkedHashMap<>();
			logins.put("BFF POST /api/auth/login", withDeviceRisk(true, () -> () -> outcome(bffLogin(), 200)));
			logins.put("Keycloak password grant, direct",
					withDeviceRisk(true, () -> () -> outcome(passwordGrant(Map.of()), 200)));
			logins.put("Keycloak password grant, direct, device-risk check off in the flow",
					withDeviceRisk(false, () -> () -> outcome(passwordGrant(Map.of()), 200)));
			login = this.load.compare(logins, servers);
			peakRss.put("cookie-bff", PeakMemory.of(process.pid()));
		}
		logger.info("Pair 4: the worker's emails vs. a plain JavaMail loop ...");
		EmailDelivery.Results emails = this.email.run(root);
		peakRss.put("notification-worker", emails.workerPeakRss());
		peakRss.put("Keycloak", PeakMemory.ofTree(keycloak.pid()));
		return new Results(session, refresh, login, emails.pair(), peakRss);
	}

	private List<String> bffArguments(int port, String cookieSecret) {
		// Its public URL is the origin the load's state-changing calls come from (CSRF check).
		return List.of("--spring.profiles.active=dev", "--authstack.bff.public-url=http://127.0.0.1:" + port,
				"--authstack.bff.keycloak.issuer=" + this.realm, "--authstack.bff.cookie.keys[0].kid=bench-1",
				"--authstack.bff.cookie.keys[0].secret=" + cookieSecret,
				// The load logs in thousands of times from one address as one user: the limits would measure themselves.
				"--authstack.bff.rate-limit.per-address.capacity=100000000",
				"--authstack.bff.rate-limit.per-username.capacity=100000000",
				// One line per login at INFO is the BFF's audit trail, not what is measured here.
				"--logging.level.io.authstack=WARN");
	}

	/** The scenario, with the realm's direct grant flow switched as it needs before each round's clients start. */
	private HttpLoad.Scenario withDeviceRisk(boolean on, HttpLoad.Scenario scenario) {
		return () -> {
			deviceRisk(on);
			return scenario.client();
		};
	}

	private void deviceRisk(boolean on) {
		if (on != this.deviceRiskOn) {
			this.flows.requirement(DIRECT_GRANT_FLOW, DEVICE_RISK, on ? "REQUIRED" : "DISABLED");
		}
		this.deviceRiskOn = on;
	}

	private List<LoadResult> sessionPair(ServerCpu servers) throws IOException, InterruptedException {
		HttpRequest health = HttpRequest.newBuilder(this.bff.resolve("/actuator/health")).build();
		// Each round's clients get fresh credentials: warm-up and rounds together outlast a 5-minute access token.
		Map<String, HttpLoad.Scenario> scenarios = new LinkedHashMap<>();
		scenarios.put("BFF GET /api/auth/session, valid cookie", () -> {
			HttpRequest session = sessionRequest();
			return () -> outcome(send(session), 200);
		});
		scenarios.put("BFF GET /actuator/health, unauthenticated", () -> () -> outcome(send(health), 200));
		scenarios.put("Keycloak GET userinfo, same user and client", () -> {
			HttpRequest userinfo = userinfoRequest();
			return () -> outcome(send(userinfo), 200);
		});
		return this.load.compare(scenarios, servers);
	}

	private HttpRequest sessionRequest() throws IOException, InterruptedException {
		HttpResponse<String> login = bffLogin();
		if (login.statusCode() != 200) {
			throw new IllegalStateException("BFF login answered " + login.statusCode() + ": " + login.body());
		}
		return HttpRequest.newBuilder(this.bff.resolve("/api/auth/session"))
			.header("Cookie", ACCESS_COOKIE + "=" + cookies(login).get(ACCESS_COOKIE))
			.build();
	}

	/**
	 * The BFF's own token has no openid scope, so userinfo refuses it (403), and Keycloak's introspection refuses
	 * the BFF as a client outside the token's audience: Keycloak answers "who is this" for a token of the same
	 * user and client, asked for with scope openid.
	 */
	private HttpRequest userinfoRequest() throws IOException, InterruptedException {
		HttpResponse<String> grant = passwordGrant(Map.of("scope", "openid"));
		String accessToken = JSON.readTree(grant.body()).path("access_token").asString();
		return HttpRequest.newBuilder(endpoint("userinfo")).header("Authorization", "Bearer " + accessToken).build();
	}

	private HttpLoad.Call bffRefreshClient() throws IOException, InterruptedException {
		String[] refreshCookie = { cookies(bffLogin()).get(REFRESH_COOKIE) };
		return () -> {
			HttpResponse<String> response = send(HttpRequest.newBuilder(this.bff.resolve("/api/auth/refresh"))
				.header("Cookie", REFRESH_COOKIE + "=" + refreshCookie[0])
				.header("X-CSRF", "1")
				.header("Origin", origin())
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			String rotated = cookies(response).get(REFRESH_COOKIE);
			if (response.statusCode() != 200 || rotated == null) {
				// The session may be gone (a rotation Keycloak made but never told us of): start a new one.
				refreshCookie[0] = cookies(bffLogin()).get(REFRESH_COOKIE);
				return outcome(response, 200);
			}
			refreshCookie[0] = rotated;
			return HttpLoad.Outcome.SUCCESS;
		};
	}

	private HttpLoad.Call keycloakRefreshClient() throws IOException, InterruptedException {
		String[] refreshToken = { JSON.readTree(passwordGrant(Map.of()).body()).path("refresh_token").asString() };
		return () -> {
			HttpResponse<String> response = send(tokenEndpoint("token", Map.of("grant_type", "refresh_token",
					"client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "refresh_token", refreshToken[0])));
			if (response.statusCode() != 200) {
				refreshToken[0] = JSON.readTree(passwordGrant(Map.of()).body()).path("refresh_token").asString();
				return outcome(response, 200);
			}
			refreshToken[0] = JSON.readTree(response.body()).path("refresh_token").asString();
			return HttpLoad.Outcome.SUCCESS;
		};
	}

	private HttpResponse<String> bffLogin() throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.bff.resolve("/api/auth/login"))
			.header("Content-Type", "application/json")
			.header("X-CSRF", "1")
			.header("Origin", origin())
			.POST(HttpRequest.BodyPublishers
				.ofString(JSON.writeValueAsString(Map.of("username", USERNAME, "password", PASSWORD))))
			.build());
	}

	private HttpResponse<String> passwordGrant(Map<String, String> extra) throws IOException, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", CLIENT_ID,
				"client_secret", CLIENT_SECRET, "username", USERNAME, "password", PASSWORD));
		form.putAll(extra);
		return send(tokenEndpoint("token", form));
	}

	/** Success on the expected status, else the status with the problem's {@code code} or OAuth {@code error}. */
	private static HttpLoad.Outcome outcome(HttpResponse<String> response, int expected) {
		if (response.statusCode() == expected) {
			return HttpLoad.Outcome.SUCCESS;
		}
		String body = response.body();
		String code = "";
		if (body != null && body.startsWith("{")) {
			JsonNode json = JSON.readTree(body);
			code = json.path("code").asString(json.path("error").asString(""));
		}
		return HttpLoad.Outcome.failure(("HTTP " + response.statusCode() + " " + code).trim());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest tokenEndpoint(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(endpoint(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private URI endpoint(String path) {
		return URI.create(this.realm + "/protocol/openid-connect/" + path);
	}

	private String origin() {
		return this.bff.toString();
	}

	private static Map<String, String> cookies(HttpResponse<?> response) {
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int equals = pair.indexOf('=');
			if (equals > 0 && equals < pair.length() - 1) {
				cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
			}
		}
		return cookies;
	}

	private static Map<String, HttpLoad.Scenario> scenarios(String first, HttpLoad.Scenario firstScenario,
			String second, HttpLoad.Scenario secondScenario) {
		Map<String, HttpLoad.Scenario> scenarios = new LinkedHashMap<>();
		scenarios.put(first, firstScenario);
		scenarios.put(second, secondScenario);
		return scenarios;
	}

	/**
	 * @param session pair 1: session check, health, Keycloak
	 * @param refresh pair 2
	 * @param login pair 3: BFF, direct, direct without the device-risk check
	 * @param email pair 4: the worker, the plain JavaMail loop
	 * @param peakRss peak resident memory of the servers after their load, by server
	 */
	public record Results(List<LoadResult> session, List<LoadResult> refresh, List<LoadResult> login,
			List<EmailDelivery.Result> email, Map<String, OptionalLong> peakRss) {
	}

}
