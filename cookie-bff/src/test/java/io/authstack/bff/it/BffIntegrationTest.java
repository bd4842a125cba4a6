package io.authstack.bff.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.authstack.bff.cookie.CookieProperties;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.testkit.AuthstackKeycloak;
import io.authstack.testkit.DemoApiProcess;
import io.authstack.testkit.FreePorts;
import io.authstack.testkit.KeycloakApi;
import io.authstack.testkit.KeycloakServer;
import io.authstack.testkit.LocalService;
import io.authstack.testkit.TcpProxy;
import io.authstack.testkit.TestKeycloak;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of every BFF integration test: the BFF on a port picked once, with the
 * {@code dev} profile, against the JVM's real Keycloak (its realm told the BFF's URLs) and a real Redis the
 * tests own (so that one of them can stop it). The cookie key ring holds a current key and a retired one;
 * loopback is a trusted proxy, so a test can play clients at other addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("dev")
public abstract class BffIntegrationTest {

	static final int PORT = FreePorts.next();

	/** The actuator's port, on loopback as in every profile. */
	static final int MANAGEMENT_PORT = FreePorts.next();

	protected static final String ORIGIN = "http://localhost:" + PORT;

	protected static final String PASSWORD = "correct horse battery staple";

	static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

	static final CookieProperties.Key CURRENT_KEY = new CookieProperties.Key("it-2",
			"q2n0yF4W3oZ6bXh8J1sQe7Lr9Tv5Ud3Gk0Pa2Mc4Nw8");

	static final CookieProperties.Key RETIRED_KEY = new CookieProperties.Key("it-1",
			"Zr8uQ1xV6yN3mK0pL5tB9wE2cH7jF4aS1dG6hJ0kL3o");

	protected static final String ACCESS_COOKIE = "__Host-Http-access";

	protected static final String REFRESH_COOKIE = "__Secure-Http-refresh";

	static final RedisProcess REDIS = new RedisProcess(Path.of("target/redis-it.log"));

	protected static final KeycloakServer KEYCLOAK;

	/** The BFF's way to RabbitMQ, which a test can cut without stopping RabbitMQ for everybody else. */
	static final TcpProxy RABBITMQ_LINK;

	static final KeycloakApi KEYCLOAK_API;

	/** The SPA's own API, which the BFF relays to; see {@link RelayIT}. */
	static final UpstreamApi UPSTREAM = new UpstreamApi(FreePorts.next());

	private static final String RUN = UUID.randomUUID().toString();

	/** The demo API as it ships, in its own JVM, behind the relay's exchanging route; see {@link DemoApiRelayIT}. */
	static final DemoApiProcess DEMO_API;

	/** A port nothing listens on: an API that is down. */
	static final int DOWN_PORT = FreePorts.next();

	static {
		LocalService.POSTGRESQL.require();
		LocalService.RABBITMQ.require();
		RABBITMQ_LINK = TcpProxy.to(LocalService.RABBITMQ.host(), LocalService.RABBITMQ.port());
		REDIS.start();
		KEYCLOAK = TestKeycloak.get(Map.of("AUTHSTACK_PUBLIC_URL", ORIGIN, "AUTHSTACK_BFF_INTERNAL_URL", ORIGIN));
		KEYCLOAK_API = new KeycloakApi(KEYCLOAK);
		DEMO_API = DemoApiProcess.start(KEYCLOAK);
		// The demo API is a JVM of its own: it must not outlive the test JVM that started it.
		Runtime.getRuntime().addShutdownHook(new Thread(DEMO_API::close, "demo-api-stop"));
	}

	@DynamicPropertySource
	static void bffProperties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("management.server.port", () -> MANAGEMENT_PORT);
		registry.add("authstack.bff.public-url", () -> ORIGIN);
		registry.add("authstack.bff.keycloak.issuer", () -> KEYCLOAK.realmUrl(AuthstackKeycloak.REALM));
		registry.add("spring.data.redis.port", REDIS::port);
		registry.add("spring.data.redis.password", REDIS::password);
		registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
		registry.add("spring.rabbitmq.port", RABBITMQ_LINK::port);
		registry.add("authstack.bff.refresh.grace-window", () -> RefreshIT.GRACE_WINDOW.toMillis() + "ms");
		// As behind a reverse proxy on loopback: a test may name the client's address in X-Forwarded-For.
		registry.add("authstack.bff.binding.trusted-proxies", () -> "127.0.0.1,::1");
		registry.add("authstack.bff.rate-limit.per-address.capacity", () -> RateLimitIT.ADDRESS_CAPACITY);
		registry.add("authstack.bff.rate-limit.per-username.capacity", () -> RateLimitIT.USERNAME_CAPACITY);
		registry.add("authstack.bff.rate-limit.account-per-address.capacity", () -> AccountsIntegrationTest.ADDRESS_CAPACITY);
		registry.add("authstack.bff.rate-limit.account-per-email.capacity", () -> AccountsIntegrationTest.EMAIL_CAPACITY);
		relayRoutes(registry);
		// This run's own queue of admin events, gone from the shared broker a while after the run.
		registry.add("authstack.bff.revocation.admin-events-queue", () -> "authstack.bff.admin-events.it-" + RUN);
		registry.add("authstack.bff.revocation.admin-events-queue-expiry", () -> "10m");
		registry.add("authstack.bff.cookie.keys[0].kid", CURRENT_KEY::kid);
		registry.add("authstack.bff.cookie.keys[0].secret", CURRENT_KEY::secret);
		registry.add("authstack.bff.cookie.keys[1].kid", RETIRED_KEY::kid);
		registry.add("authstack.bff.cookie.keys[1].secret", RETIRED_KEY::secret);
	}

	private static void relayRoutes(DynamicPropertyRegistry registry) {
		route(registry, 0, "orders", "/api/orders", UPSTREAM.baseUrl() + "/v1", "required");
		registry.add("authstack.bff.apis[0].timeout", () -> "1s");
		registry.add("authstack.bff.apis[0].max-request-size", () -> "8MB");
		route(registry, 1, "catalog", "/api/catalog", UPSTREAM.baseUrl(), "none");
		route(registry, 2, "offline", "/api/offline", "http://127.0.0.1:" + DOWN_PORT, "none");
		route(registry, 3, "profile", "/api/profile", UPSTREAM.baseUrl() + "/profile", "optional");
		registry.add("authstack.bff.apis[3].methods", () -> "GET");
		route(registry, 4, "demo", "/api/demo", DEMO_API.baseUrl().toString(), "required");
		registry.add("authstack.bff.apis[4].audience", () -> "demo-api");
		registry.add("authstack.bff.apis[4].scope", () -> "demo-api");
		registry.add("authstack.bff.spa.demo-api", () -> "/api/demo/whoami");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String prefix, String target,
			String token) {
		String route = "authstack.bff.apis[" + index + "].";
		registry.add(route + "id", () -> id);
		registry.add(route + "path-prefix", () -> prefix);
		registry.add(route + "target", () -> target);
		registry.add(route + "token", () -> token);
	}

	/** A fresh user of the realm (fresh, so that Keycloak's brute-force lockout of one test never leaks). */
	protected static User newUser() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		String id = KEYCLOAK_API.createUser(AuthstackKeycloak.REALM, username, username + "@example.test", PASSWORD);
		return new User(id, username);
	}

	static Browser browser() {
		return new Browser(ORIGIN, USER_AGENT);
	}

	/** A browser logged in as a fresh user. */
	static Browser loggedIn(User user) {
		Browser browser = browser();
		Browser.Response login = browser.login(user.username(), PASSWORD);
		if (login.status() != 200) {
			throw new IllegalStateException("Login answered " + login.status() + ": " + login.body());
		}
		return browser;
	}

	static CookieSealer sealer(CookieProperties.Key... keys) {
		return new CookieSealer(List.of(keys));
	}

	/** The Keycloak sessions of a user, through the admin REST API. */
	static int keycloakSessions(User user) {
		return KEYCLOAK_API.adminGet("/admin/realms/" + AuthstackKeycloak.REALM + "/users/" + user.id() + "/sessions")
			.size();
	}

	protected record User(String id, String username) {
	}

}
