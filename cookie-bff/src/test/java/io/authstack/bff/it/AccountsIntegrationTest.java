package io.authstack.bff.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.authstack.contract.AmqpNames;
import io.authstack.testkit.AmqpInbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the accounts ITs share: an inbox bound to the notifications exchange the way the worker's queue is
 * ({@code email.#}), so a test reads the email jobs the BFF published and takes the token from the link, as the
 * user would from the email; and calls from a client address of the test's own, so that rate limits of one test
 * never reach another.
 */
abstract class AccountsIntegrationTest extends BffIntegrationTest {

	static final int ADDRESS_CAPACITY = 10;

	static final int EMAIL_CAPACITY = 5;

	static final String NEW_PASSWORD = "an entirely different passphrase 2026";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static AmqpInbox inbox;

	@BeforeAll
	static void bindInbox() {
		inbox = AmqpInbox.bind(AmqpNames.NOTIFICATIONS_EXCHANGE, "email.#");
	}

	@AfterAll
	static void closeInbox() {
		inbox.close();
	}

	/** A client address no other test uses (documentation ranges, through the trusted loopback proxy). */
	static String freshAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.51." + random.nextInt(100, 255) + "." + random.nextInt(1, 255);
	}

	static String freshEmail() {
		return "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
	}

	/** A POST as the SPA sends it, from the given client address. */
	static Browser.Response post(String path, Object body, String address) {
		return browser().send(path, "POST", body,
				Map.of("Origin", ORIGIN, "X-CSRF", "1", "X-Forwarded-For", address));
	}

	static Browser.Response register(String email, String password, String address) {
		return post("/api/accounts/register",
				Map.of("email", email, "password", password, "firstName", "Ada", "lastName", "Lovelace"), address);
	}

	/** The next email job to {@code recipient} (any when {@code null}), skipping jobs of other tests. */
	static JsonNode nextEmailTo(String recipient) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
			JsonNode job = JSON.readTree(inbox.next(left).getBody());
			if (recipient == null || recipient.equalsIgnoreCase(job.path("recipient").asString(""))) {
				return job;
			}
		}
	}

	/** The next email job to either of two recipients, skipping jobs of other tests. */
	static JsonNode nextEmailToEither(String one, String other) {
		while (true) {
			JsonNode job = nextEmailTo(null);
			String recipient = job.path("recipient").asString("");
			if (recipient.equalsIgnoreCase(one) || recipient.equalsIgnoreCase(other)) {
				return job;
			}
		}
	}

	/** The token in an email job's link ({@code ...#token=<token>}). */
	static String token(JsonNode job) {
		String link = job.path("model").path("link").asString();
		if (!link.startsWith(ORIGIN + "/") || !link.contains("#token=")) {
			throw new AssertionError("Not a link of ours with a token: " + link);
		}
		return link.substring(link.indexOf("#token=") + "#token=".length());
	}

	/** Where Redis keeps a token of a purpose ({@code verify} or {@code reset}): only its hash. */
	static String redisKey(String purpose, String token) {
		try {
			return "acct:" + purpose + ":" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int usersWithEmail(String email) {
		return KEYCLOAK_API.adminGet("/admin/realms/authstack/users?exact=true&email=" + email).size();
	}

}
