package io.authstack.bff.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import io.authstack.bff.management.OperatorProperties;
import io.authstack.bff.metrics.MeterNames;
import io.authstack.testkit.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BFF's security signals as Prometheus scrapes them from {@code /actuator/prometheus} on the management port,
 * with the operator's credentials: each flow a test drives moves its counters by exactly what it did, read before
 * and after. The ITs run one after another in one context, so nothing else moves these counters meanwhile.
 */
class BffMetricsIT extends BffIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String PROMETHEUS = "/actuator/prometheus";

	@Autowired
	private OperatorProperties operator;

	@Test
	void theScrapeAsksForTheOperatorAndTheProbesDoNot() {
		HttpResponse<String> anonymous = get(MANAGEMENT_PORT, PROMETHEUS, null);
		HttpResponse<String> wrongPassword = get(MANAGEMENT_PORT, PROMETHEUS,
				basic(this.operator.username(), this.operator.password() + "x"));
		HttpResponse<String> scrape = get(MANAGEMENT_PORT, PROMETHEUS, operatorCredentials());

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Basic "));
		assertThat(anonymous.body()).doesNotContain("authstack_bff");
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("authstack_bff_session_checks_total");
		assertThat(get(MANAGEMENT_PORT, "/actuator/health", null).statusCode()).isEqualTo(200);
	}

	@Test
	void theActuatorIsNotServedOnTheApplicationsPort() {
		assertThat(MANAGEMENT_PORT).isNotEqualTo(PORT);

		assertThat(get(PORT, PROMETHEUS, operatorCredentials()).statusCode()).isEqualTo(404);
		assertThat(get(PORT, "/actuator/health", null).statusCode()).isEqualTo(404);
	}

	@Test
	void everyMeterTheBffNamesIsInTheScrape() {
		PrometheusScrape scrape = scrape();

		for (String name : MeterNames.ALL) {
			String exported = name.replace('.', '_');
			assertThat(scrape.samples().keySet()).as(name)
				.anySatisfy((series) -> assertThat(series).startsWith(exported));
		}
	}

	@Test
	void aPasswordLoginAndASessionCheckCountOnceEach() {
		PrometheusScrape before = scrape();
		Browser browser = loggedIn(newUser());
		PrometheusScrape afterLogin = scrape();
		assertThat(browser.session().status()).isEqualTo(200);
		PrometheusScrape after = scrape();

		assertThat(delta(before, afterLogin, "authstack_bff_logins_total", "method", "password", "outcome", "success"))
			.isEqualTo(1);
		assertThat(delta(before, afterLogin, "authstack_bff_keycloak_requests_seconds_count", "endpoint", "token",
				"outcome", "success")).isEqualTo(1);
		// The login verifies the new token in full and remembers it; the session check finds it remembered.
		assertThat(delta(before, afterLogin, "authstack_bff_verified_token_lookups_total", "result", "miss"))
			.isEqualTo(1);
		assertThat(delta(afterLogin, after, "authstack_bff_verified_token_lookups_total", "result", "hit"))
			.isEqualTo(1);
		assertThat(delta(afterLogin, after, "authstack_bff_session_checks_total", "outcome", "ok")).isEqualTo(1);
		assertThat(delta(afterLogin, after, "authstack_bff_session_checks_total")).isEqualTo(1);
		assertThat(value(after, "authstack_bff_verified_tokens")).isPositive();
		assertThat(delta(before, afterLogin, "authstack_bff_redis_commands_seconds_count", "client", "rate_limits",
				"outcome", "success")).isPositive();
		assertThat(delta(afterLogin, after, "authstack_bff_redis_commands_seconds_count", "client", "template",
				"outcome", "success")).isPositive();
	}

	@Test
	void aReplayedRefreshCountsOneRotationOneReuseAndTheRevokedSessionsNextCheck() {
		Browser victim = loggedIn(newUser());
		Browser thief = victim.frozen();
		PrometheusScrape before = scrape();

		assertThat(victim.refresh().status()).isEqualTo(200);
		// The old token again, from another network: a replay at once, never a share of the rotation.
		Browser.Response replay = thief.send("/api/auth/refresh", "POST", null,
				Map.of("Origin", ORIGIN, "X-CSRF", "1", "X-Forwarded-For", "198.51.100.23"));
		assertThat(replay.code()).isEqualTo("refresh_reused");
		assertThat(victim.session().code()).isEqualTo("revoked");
		PrometheusScrape after = scrape();

		assertThat(delta(before, after, "authstack_bff_refreshes_total", "outcome", "rotated")).isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_refreshes_total", "outcome", "refresh_reused")).isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_refreshes_total")).isEqualTo(2);
		assertThat(delta(before, after, "authstack_bff_session_checks_total", "outcome", "revoked")).isEqualTo(1);
	}

	@Test
	void aCsrfRefusalCountsOnceAndNoRefresh() {
		Browser browser = loggedIn(newUser());
		PrometheusScrape before = scrape();

		Browser.Response refused = browser.send("/api/auth/refresh", "POST", null, Map.of("Origin", ORIGIN));
		assertThat(refused.code()).isEqualTo("csrf_rejected");
		PrometheusScrape after = scrape();

		assertThat(delta(before, after, "authstack_bff_csrf_rejected_total")).isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_refreshes_total")).isZero();
	}

	@Test
	void aRateLimitHitCountsByItsLimiterAndAsALoginOutcome() {
		User user = newUser();
		PrometheusScrape before = scrape();

		for (int attempt = 0; attempt < RateLimitIT.USERNAME_CAPACITY; attempt++) {
			assertThat(browser().login(user.username(), "wrong password " + attempt).code())
				.isEqualTo("invalid_credentials");
		}
		assertThat(browser().login(user.username(), PASSWORD).code()).isEqualTo("rate_limited");
		PrometheusScrape after = scrape();

		assertThat(delta(before, after, "authstack_bff_rate_limited_total", "limiter", "login_username")).isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_rate_limited_total")).isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_logins_total", "method", "password", "outcome",
				"invalid_credentials")).isEqualTo(RateLimitIT.USERNAME_CAPACITY);
		assertThat(delta(before, after, "authstack_bff_logins_total", "method", "password", "outcome",
				"rate_limited")).isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_keycloak_requests_seconds_count", "endpoint", "token",
				"outcome", "refused")).isEqualTo(RateLimitIT.USERNAME_CAPACITY);
	}

	@Test
	void relayedCallsCountByRouteAndStatusClass() {
		Browser browser = loggedIn(newUser());
		PrometheusScrape before = scrape();

		assertThat(browser.get("/api/orders/items").status()).isEqualTo(200);
		assertThat(browser.get("/api/offline/anything").status()).isEqualTo(502);
		PrometheusScrape after = scrape();

		assertThat(delta(before, after, "authstack_bff_relay_calls_total", "route", "orders", "status", "2xx"))
			.isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_relay_calls_total", "route", "offline", "status", "5xx"))
			.isEqualTo(1);
		assertThat(delta(before, after, "authstack_bff_relay_calls_total")).isEqualTo(2);
		// Only the orders route needs the session.
		assertThat(delta(before, after, "authstack_bff_session_checks_total", "outcome", "ok")).isEqualTo(1);
	}

	private PrometheusScrape scrape() {
		HttpResponse<String> scrape = get(MANAGEMENT_PORT, PROMETHEUS, operatorCredentials());
		assertThat(scrape.statusCode()).as("scrape").isEqualTo(200);
		return PrometheusScrape.of(scrape.body());
	}

	private static double delta(PrometheusScrape before, PrometheusScrape after, String metric, String... labels) {
		return value(after, metric, labels) - value(before, metric, labels);
	}

	/**
	 * The sum of the metric's series that carry these labels ({@code name, value, ...}), whatever other labels they
	 * have; a series the scrape lacks fails the test rather than counting as zero.
	 */
	private static double value(PrometheusScrape scrape, String metric, String... labels) {
		String[] wanted = new String[labels.length / 2];
		for (int i = 0; i < wanted.length; i++) {
			wanted[i] = labels[2 * i] + "=\"" + labels[2 * i + 1] + "\"";
		}
		double[] matching = scrape.samples()
			.entrySet()
			.stream()
			.filter((sample) -> sample.getKey().equals(metric) || sample.getKey().startsWith(metric + "{"))
			.filter((sample) -> Arrays.stream(wanted).allMatch((label) -> sample.getKey().contains(label)))
			.mapToDouble(Map.Entry::getValue)
			.toArray();
		assertThat(matching).as(metric + " " + Arrays.toString(wanted) + " in the scrape").isNotEmpty();
		return Arrays.stream(matching).sum();
	}

	private String operatorCredentials() {
		return basic(this.operator.username(), this.operator.password());
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> get(int port, String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
