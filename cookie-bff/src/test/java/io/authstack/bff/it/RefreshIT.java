package io.authstack.bff.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.nimbusds.jose.JWEObject;
import io.authstack.bff.cookie.AccessEnvelope;
import io.authstack.bff.cookie.CookieSealer;
import io.authstack.bff.cookie.RefreshEnvelope;
import io.authstack.bff.keycloak.RefreshClaims;
import io.authstack.bff.metrics.MeterNames;
import io.authstack.contract.AmqpNames;
import io.authstack.contract.SecurityEvent;
import io.authstack.testkit.AmqpInbox;
import io.authstack.testkit.AuthstackKeycloak;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Refresh-token rotation: one rotation per token, shared by concurrent callers, replays end the family. */
class RefreshIT extends BffIntegrationTest {

	/** Twice the shipped default: the twenty tabs of a loaded CI machine all arrive within it. */
	static final Duration GRACE_WINDOW = Duration.ofSeconds(2);

	/** The email outbox's relay polls Redis on its own schedule, whatever the requests do. */
	private static final String OUTBOX_POLL = "outbox:";

	@Autowired
	private CookieSealer sealer;

	@Autowired
	private JsonMapper json;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private MeterRegistry meters;

	@Test
	void refreshRotatesBothCookiesAndTheNewOnesWork() {
		Browser browser = loggedIn(newUser());
		RefreshEnvelope before = refreshEnvelope(browser);
		String accessBefore = accessEnvelope(browser).accessToken();

		Browser.Response refresh = browser.refresh();

		assertThat(refresh.status()).isEqualTo(200);
		assertThat(refresh.header("Cache-Control")).contains("no-store");
		assertThat(refresh.setCookie(ACCESS_COOKIE)).isPresent();
		assertThat(refresh.setCookie(REFRESH_COOKIE)).isPresent();
		RefreshEnvelope after = refreshEnvelope(browser);
		assertThat(after.tokenId()).isNotEqualTo(before.tokenId());
		assertThat(after.sessionId()).isEqualTo(before.sessionId());
		assertThat(accessEnvelope(browser).accessToken()).isNotEqualTo(accessBefore);
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void aRefreshCostsTwoRoundTripsToRedisOneBeforeKeycloakAndOneAfter() {
		Browser browser = loggedIn(newUser());
		// The first refresh of this JVM loads the scripts into Redis, a trip more each.
		assertThat(browser.refresh().status()).isEqualTo(200);
		RefreshEnvelope before = refreshEnvelope(browser);

		List<String> commands;
		try (RedisMonitor monitor = RedisMonitor.of(REDIS)) {
			assertThat(browser.refresh().status()).isEqualTo(200);
			commands = monitor.fromClients();
		}

		// The deny-list check with the lock, then the result with the rotated token's deny-listing.
		assertThat(commands.stream().filter((command) -> !command.contains(OUTBOX_POLL)))
			.hasSize(2)
			.allMatch((command) -> command.contains("\"EVALSHA\"") && command.contains(before.tokenId()));
	}

	@Test
	void aTabSharingARotationAnOlderReplicaLeftIsAskedToRetryNotEndedAndNotAnswered500() {
		Browser browser = loggedIn(newUser());
		Browser otherTab = browser.frozen();
		RefreshEnvelope before = refreshEnvelope(browser);
		assertThat(browser.refresh().status()).isEqualTo(200);
		// What a replica of the previous version left: the token response, sealed.
		this.redis.opsForValue()
			.set("rot:" + before.tokenId(), this.sealer.seal("{\"tokens\":{}}".getBytes(StandardCharsets.UTF_8)));

		Browser.Response shared = otherTab.refresh();

		assertThat(shared.status()).isEqualTo(503);
		assertThat(shared.code()).isEqualTo("upstream_unavailable");
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void refreshWhenTokenReplayedAfterTheGraceWindowThenRefreshReusedAndTheNewCookiesStopWorking() {
		User user = newUser();
		Browser victim = loggedIn(user);
		Browser thief = victim.frozen();
		assertThat(victim.refresh().status()).isEqualTo(200);
		assertThat(victim.session().status()).isEqualTo(200);
		Browser victimAfterRotation = victim.frozen();

		// Within the grace window the old token still yields the same rotation; past it, it is a replay.
		Browser.Response replay = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(thief::refresh, (response) -> response.status() != 200);

		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.code()).isEqualTo("refresh_reused");
		assertThat(replay.setCookie(ACCESS_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
		Browser.Response victimSession = victimAfterRotation.session();
		assertThat(victimSession.status()).isEqualTo(401);
		assertThat(victimSession.code()).isEqualTo("revoked");
		assertThat(victimAfterRotation.refresh().code()).isEqualTo("revoked");
		assertThat(keycloakSessions(user)).isZero();
	}

	@Test
	void thiefWhoRefreshesASecondAfterTheVictimTripsReplayDetectionInsteadOfSharingTheRotation() {
		User user = newUser();
		Browser victim = loggedIn(user);
		Browser thief = victim.frozen();
		assertThat(victim.refresh().status()).isEqualTo(200);

		// First tried once the grace window has certainly passed: the thief's copy of the old token is a replay
		// at its first try (the old default shared it for 10 s).
		Browser.Response stolen = await().pollDelay(GRACE_WINDOW.plusMillis(500))
			.atMost(GRACE_WINDOW.plusSeconds(5))
			.until(thief::refresh, (answer) -> answer.status() != 200);

		assertThat(stolen.status()).isEqualTo(401);
		assertThat(stolen.code()).isEqualTo("refresh_reused");
		assertThat(victim.session().code()).isEqualTo("revoked");
		assertThat(keycloakSessions(user)).isZero();
	}

	@Test
	void oldTokenFromAnotherNetworkRightAfterTheRotationIsAReplayNotAShareAndASecurityEventSaysSo() {
		User user = newUser();
		Browser victim = loggedIn(user);
		Browser thief = victim.frozen();
		String sessionId = refreshEnvelope(victim).sessionId();
		assertThat(victim.refresh().status()).isEqualTo(200);

		try (AmqpInbox events = AmqpInbox.bind(AmqpNames.EVENTS_EXCHANGE,
				AmqpNames.eventRoutingKey(AuthstackKeycloak.REALM, "BFF_REFRESH_REUSED"))) {
			// The victim's own headers, copied, but from another network: inside or outside the window, never shared.
			Browser.Response stolen = thief.send("/api/auth/refresh", "POST", null,
					java.util.Map.of("Origin", ORIGIN, "X-CSRF", "1", "X-Forwarded-For", "198.51.100.7"));

			assertThat(stolen.status()).isEqualTo(401);
			assertThat(stolen.code()).isEqualTo("refresh_reused");
			assertThat(stolen.setCookie(ACCESS_COOKIE)).hasValueSatisfying((c) -> assertThat(c.maxAge()).isZero());
			assertThat(victim.session().code()).isEqualTo("revoked");
			assertThat(keycloakSessions(user)).isZero();
			SecurityEvent event = this.json.readValue(events.next(Duration.ofSeconds(10)).getBody(), SecurityEvent.class);
			assertThat(event.sessionId()).isEqualTo(sessionId);
			assertThat(event.userId()).isEqualTo(user.id());
			assertThat(event.ipAddress()).isEqualTo("198.51.100.7");
			assertThat(event.error()).isEqualTo("refresh_reused");
		}
	}

	@Test
	void twentyParallelRefreshesOfOneCookieAllSucceedWithOneKeycloakCallAndOneNewFamily() throws Exception {
		Browser browser = loggedIn(newUser());
		double rotationsBefore = rotations();
		int tabs = 20;
		CountDownLatch start = new CountDownLatch(1);
		List<Browser> copies = IntStream.range(0, tabs).mapToObj((i) -> browser.copy()).toList();
		ExecutorService pool = Executors.newFixedThreadPool(tabs);
		try {
			List<Future<Browser.Response>> answers = copies.stream().map((tab) -> pool.submit(() -> {
				start.await();
				return tab.refresh();
			})).toList();
			start.countDown();
			for (Future<Browser.Response> answer : answers) {
				assertThat(answer.get().status()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(rotations() - rotationsBefore).isEqualTo(1.0);
		Set<String> newRefreshTokenIds = copies.stream()
			.map((tab) -> refreshEnvelope(tab).tokenId())
			.collect(Collectors.toSet());
		Set<String> newAccessTokens = copies.stream()
			.map((tab) -> accessEnvelope(tab).accessToken())
			.collect(Collectors.toSet());
		assertThat(newRefreshTokenIds).hasSize(1);
		assertThat(newAccessTokens).hasSize(1);
		assertThat(copies.get(7).session().status()).isEqualTo(200);
		assertThat(copies.get(13).refresh().status()).isEqualTo(200);
	}

	@Test
	void keyRotationKeepsUsersLoggedInAndTheirNextRefreshResealsWithTheNewKey() throws Exception {
		Browser browser = loggedIn(newUser());
		// The cookies as the BFF sealed them before the rotation, when the retired key was the current one.
		CookieSealer beforeRotation = sealer(RETIRED_KEY);
		browser.setCookie(ACCESS_COOKIE, beforeRotation.seal(this.sealer.open(browser.cookie(ACCESS_COOKIE).orElseThrow())),
				"/");
		browser.setCookie(REFRESH_COOKIE,
				beforeRotation.seal(this.sealer.open(browser.cookie(REFRESH_COOKIE).orElseThrow())), "/api/auth");
		assertThat(kid(browser.cookie(ACCESS_COOKIE).orElseThrow())).isEqualTo(RETIRED_KEY.kid());

		assertThat(browser.session().status()).isEqualTo(200);
		assertThat(browser.refresh().status()).isEqualTo(200);

		assertThat(kid(browser.cookie(ACCESS_COOKIE).orElseThrow())).isEqualTo(CURRENT_KEY.kid());
		assertThat(kid(browser.cookie(REFRESH_COOKIE).orElseThrow())).isEqualTo(CURRENT_KEY.kid());
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void aRefreshCookieSealedBeforeItsEnvelopeCarriedTheClaimsStillRefreshesAndComesBackWithThem() {
		Browser browser = loggedIn(newUser());
		RefreshEnvelope current = refreshEnvelope(browser);
		assertThat(current.version()).isEqualTo(RefreshEnvelope.VERSION);
		// The envelope as version 1 wrote it: no sub, iat or exp.
		browser.setCookie(REFRESH_COOKIE, this.sealer.seal(this.json.writeValueAsBytes(java.util.Map.of("v", 1, "rt",
				current.refreshToken(), "sid", current.sessionId(), "jti", current.tokenId(), "fp",
				current.fingerprint(), "ipp", current.ipPrefix()))), "/api/auth");

		assertThat(browser.refresh().status()).isEqualTo(200);

		RefreshEnvelope after = refreshEnvelope(browser);
		RefreshClaims claims = RefreshClaims.of(after.refreshToken());
		assertThat(after.version()).isEqualTo(RefreshEnvelope.VERSION);
		assertThat(after.subject()).isEqualTo(claims.subject()).isEqualTo(current.subject());
		assertThat(after.issuedAt()).isEqualTo(claims.issuedAt().getEpochSecond());
		assertThat(after.expiresAt()).isEqualTo(claims.expiresAt().getEpochSecond());
		assertThat(browser.session().status()).isEqualTo(200);
	}

	@Test
	void refreshWithoutCookiesIsSessionExpired() {
		Browser.Response refresh = browser().refresh();

		assertThat(refresh.status()).isEqualTo(401);
		assertThat(refresh.code()).isEqualTo("session_expired");
	}

	@Test
	void refreshWithoutTheCsrfHeaderIsRejected() {
		Browser browser = loggedIn(newUser());

		Browser.Response refresh = browser.send("/api/auth/refresh", "POST", null, java.util.Map.of("Origin", ORIGIN));

		assertThat(refresh.status()).isEqualTo(403);
		assertThat(refresh.code()).isEqualTo("csrf_rejected");
	}

	private double rotations() {
		return this.meters.counter(MeterNames.REFRESHES, "outcome", "rotated").count();
	}

	private RefreshEnvelope refreshEnvelope(Browser browser) {
		return this.json.readValue(this.sealer.open(browser.cookie(REFRESH_COOKIE).orElseThrow()),
				RefreshEnvelope.class);
	}

	private AccessEnvelope accessEnvelope(Browser browser) {
		return this.json.readValue(this.sealer.open(browser.cookie(ACCESS_COOKIE).orElseThrow()), AccessEnvelope.class);
	}

	private static String kid(String sealed) throws java.text.ParseException {
		return JWEObject.parse(sealed).getHeader().getKeyID();
	}

}
