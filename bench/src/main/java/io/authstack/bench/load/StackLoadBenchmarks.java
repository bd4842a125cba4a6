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
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.DemoApiProcess;
import io.authstack.testkit.FreePorts;
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
 * realm imported, PostgreSQL), the BFF's jar and the demo API's in processes of their own, Redis. Each pair runs in
 * one go, alternating:
 * <ol>
 * <li>{@code GET /api/auth/session} with a valid cookie vs. the BFF's unauthenticated health endpoint vs. asking
 * Keycloak's userinfo for the same user and client;</li>
 * <li>{@code POST /api/auth/refresh} vs. Keycloak's refresh grant called directly, each client thread with its
 * own session (both rotate the refresh token);</li>
 * <li>{@code POST /api/auth/login} vs. Keycloak's password grant called directly, and that grant again with the
 * device-risk authenticator switched off in the realm's direct grant flow (through the admin REST API, per
 * round);</li>
 * <li>{@code GET /api/demo/whoami} relayed by the BFF to the demo API (the token exchanged once per session, then
 * cached) vs. the demo API's {@code GET /whoami} called directly with a token Keycloak exchanged for its audience,
 * beside {@code GET /api/auth/session}, whose BFF CPU per call is the relay's baseline;</li>
 * <li>the notification worker vs. a plain JavaMail loop ({@link EmailDelivery});</li>
 * <li>the peak resident memory of the BFF, the demo API and the worker after their load.</li>
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

	/** The demo API's audience, and the BFF's client scope that puts it into a token (the realm as it ships). */
	private static final String DEMO_API_AUDIENCE = "demo-api";

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

	/** The BFF's actuator, on a port of its own as it ships. */
	private URI bffManagement;

	private URI realm;

	private URI demoApi;

	public StackLoadBenchmarks(HttpLoad load, EmailDelivery email) {
		this.load = load;
		this.email = email;
	}

	/**
	 * Starts Keycloak, the demo API, the BFF and the worker, runs the pairs, stops the BFF, the demo API and the
	 * worker (Keycloak stops with the JVM).
	 */
	public Results run(Path root) throws IOException, InterruptedException, TimeoutException {
		Map<String, OptionalLong> peakRss = new LinkedHashMap<>();
		List<LoadResult> session;
		List<LoadResult> refresh;
		List<LoadResult> login;
		List<LoadResult> relay;
		KeycloakServer keycloak;
		try (Stack stack = startStack(root)) {
			keycloak = stack.keycloak();
			logger.info("Pair 1: session check vs. health vs. Keycloak ...");
			session = sessionPair(stack.servers());
			logger.info("Pair 2: refresh ...");
			refresh = this.load.compare(scenarios("BFF POST /api/auth/refresh", this::bffRefreshClient,
					"Keycloak refresh grant, direct", this::keycloakRefreshClient), stack.servers());
			logger.info("Pair 3: login, with and without the device-risk check ...");
			Map<String, HttpLoad.Scenario> logins = new LinkedHashMap<>();
			logins.put("BFF POST /api/auth/login", withDeviceRisk(true, () -> () -> outcome(bffLogin(), 200)));
			logins.put("Keycloak password grant, direct",
					withDeviceRisk(true, () -> () -> outcome(passwordGrant(Map.of()), 200)));
			logins.put("Keycloak password grant, direct, device-risk check off in the flow",
					withDeviceRisk(false, () -> () -> outcome(passwordGrant(Map.of()), 200)));
			login = this.load.compare(logins, stack.servers());
			logger.info("Pair 4: relayed API call vs. the API called directly ...");
			relay = relayPair(stack.servers());
			peakRss.put("cookie-bff", PeakMemory.of(stack.bff().pid()));
			peakRss.put(DemoApiProcess.MODULE, PeakMemory.of(stack.demoApi().pid()));
		}
		logger.info("Pair 5: the worker's emails vs. a plain JavaMail loop ...");
		EmailDelivery.Results emails = this.email.run(root);
		peakRss.put("notification-worker", emails.workerPeakRss());
		peakRss.put("Keycloak", PeakMemory.ofTree(keycloak.pid()));
		return new Results(session, refresh, login, relay, emails.pair(), peakRss);
	}

	/** Pair 4 alone ({@code bench/run.sh --only=relay}): Keycloak, the demo API and the BFF, then the relay pair. */
	public List<LoadResult> runRelayPair(Path root) throws IOException, InterruptedException {
		try (Stack stack = startStack(root)) {
			logger.info("Pair 4: relayed API call vs. the API called directly ...");
			return relayPair(stack.servers());
		}
	}

	/**
	 * Keycloak with the bench's user, the demo API, and the BFF relaying {@code /api/demo} to it as {@code ./authstack
	 * up} does (token exchanged for the API's audience).
	 */
	private Stack startStack(Path root) {
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
		logger.info("Starting the demo API and the BFF ...");
		DemoApiProcess demoApi = DemoApiProcess.start(keycloak, root.resolve("bench/target/demo-api.log"));
		try {
			this.demoApi = demoApi.baseUrl();
			int port = FreePorts.next();
			ServiceProcess bff = ServiceProcess.start(root, "cookie-bff", port, FreePorts.next(),
					bffArguments(port, cookieSecret), root.resolve("bench/target/cookie-bff.log"));
			this.bff = bff.baseUrl();
			this.bffManagement = bff.managementUrl();
			ServerCpu servers = ServerCpu.none()
				.with("BFF", bff.pid())
				.with("Keycloak", keycloak.pid())
				.with("demo API", demoApi.pid())
				.withExecutable("Redis", "redis-server");
			return new Stack(keycloak, demoApi, bff, servers);
		}
		catch (RuntimeException ex) {
			demoApi.close();
			throw ex;
		}
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
				"--logging.level.io.authstack=WARN",
				// The demo route as ./authstack up configures it.
				"--authstack.bff.apis[0].id=demo", "--authstack.bff.apis[0].path-prefix=/api/demo",
				"--authstack.bff.apis[0].target=" + this.demoApi, "--authstack.bff.apis[0].token=required",
				"--authstack.bff.apis[0].audience=" + DEMO_API_AUDIENCE,
				"--authstack.bff.apis[0].scope=" + DEMO_API_AUDIENCE);
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
		HttpRequest health = HttpRequest.newBuilder(this.bffManagement.resolve("/actuator/health")).build();
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
		return loggedIn("/api/auth/session");
	}

	/** A GET of {@code path} at the BFF with the access cookie of a new session. */
	private HttpRequest loggedIn(String path) throws IOException, InterruptedException {
		HttpResponse<String> login = bffLogin();
		if (login.statusCode() != 200) {
			throw new IllegalStateException("BFF login answered " + login.statusCode() + ": " + login.body());
		}
		return HttpRequest.newBuilder(this.bff.resolve(path))
			.header("Cookie", ACCESS_COOKIE + "=" + cookies(login).get(ACCESS_COOKIE))
			.build();
	}

	/**
	 * Each round's clients get new sessions, as in pair 1. The session check is the third scenario, so that the
	 * BFF's CPU per relayed call and per session check come from the same rounds.
	 */
	private List<LoadResult> relayPair(ServerCpu servers) {
		Map<String, HttpLoad.Scenario> scenarios = new LinkedHashMap<>();
		scenarios.put("BFF GET /api/demo/whoami, relayed, valid cookie", () -> {
			HttpRequest relayed = relayedRequest();
			return () -> outcome(send(relayed), 200);
		});
		scenarios.put("demo API GET /whoami, direct, exchanged bearer token", () -> {
			HttpRequest direct = directWhoamiRequest();
			return () -> outcome(send(direct), 200);
		});
		scenarios.put("BFF GET /api/auth/session, valid cookie", () -> {
			HttpRequest session = sessionRequest();
			return () -> outcome(send(session), 200);
		});
		return this.load.compare(scenarios, servers);
	}

	/**
	 * A relayed call of a new session, called once unmeasured: that first call exchanges the token at Keycloak,
	 * every later one of the session takes it from the BFF's cache, which is what a relayed call costs.
	 */
	private HttpRequest relayedRequest() throws IOException, InterruptedException {
		HttpRequest relayed = loggedIn("/api/demo/whoami");
		HttpResponse<String> first = send(relayed);
		if (first.statusCode() != 200) {
			throw new IllegalStateException("The relay answered " + first.statusCode() + ": " + first.body());
		}
		return relayed;
	}

	/** The token the relay sends, asked for as the BFF asks: the user's token exchanged for the API's audience. */
	private HttpRequest directWhoamiRequest() throws IOException, InterruptedException {
		String userToken = JSON.readTree(passwordGrant(Map.of()).body()).path("access_token").asString();
		HttpResponse<String> exchange = send(tokenEndpoint("token", Map.of("grant_type",
				"urn:ietf:params:oauth:grant-type:token-exchange", "client_id", CLIENT_ID, "client_secret",
				CLIENT_SECRET, "subject_token", userToken, "subject_token_type",
				"urn:ietf:params:oauth:token-type:access_token", "audience", DEMO_API_AUDIENCE, "scope",
				DEMO_API_AUDIENCE)));
		if (exchange.statusCode() != 200) {
			throw new IllegalStateException("The token exchange answered " + exchange.statusCode() + ": "
					+ exchange.body());
		}
		String token = JSON.readTree(exchange.body()).path("access_token").asString();
		return HttpRequest.newBuilder(this.demoApi.resolve("/whoami")).header("Authorization", "Bearer " + token).build();
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
	 * @param relay pair 4: relayed, direct, the session check
	 * @param email pair 5: the worker, the plain JavaMail loop
	 * @param peakRss peak resident memory of the servers after their load, by server
	 */
	public record Results(List<LoadResult> session, List<LoadResult> refresh, List<LoadResult> login,
			List<LoadResult> relay, List<EmailDelivery.Result> email, Map<String, OptionalLong> peakRss) {
	}

	/** The servers the load pairs run against, and the readings of their CPU time; closing stops BFF and demo API. */
	private record Stack(KeycloakServer keycloak, DemoApiProcess demoApi, ServiceProcess bff, ServerCpu servers)
			implements AutoCloseable {

		@Override
		public void close() {
			this.bff.close();
			this.demoApi.close();
		}

	}

}
