package io.authstack.bff.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.authstack.testkit.AuthstackKeycloak;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a realm admin does to a user in the console ends the user's BFF session at once (Keycloak's admin
 * event, through RabbitMQ), not when the access cookie's token expires.
 */
class AdminRevocationIT extends BffIntegrationTest {

	private static final String USERS = "/admin/realms/" + AuthstackKeycloak.REALM + "/users/";

	@Test
	void disablingAUserInTheConsoleEndsTheirSessionWithinSeconds() {
		User user = newUser();
		Browser browser = loggedIn(user);
		assertThat(browser.session().status()).isEqualTo(200);

		Instant disabled = Instant.now();
		KEYCLOAK_API.adminPut(USERS + user.id(), Map.of("enabled", false));

		Browser.Response refused = awaitRefused(browser);

		assertThat(refused.code()).isEqualTo("revoked");
		// The delay DESIGN states (target 2 s); the await allows more for a loaded CI machine.
		System.out.println("Admin disable -> BFF session revoked after "
				+ Duration.between(disabled, Instant.now()).toMillis() + " ms");
	}

	@Test
	void deletingOrSigningOutAUserEndsTheirSessionButAProfileEditDoesNot() {
		User edited = newUser();
		Browser editedBrowser = loggedIn(edited);
		User deleted = newUser();
		Browser deletedBrowser = loggedIn(deleted);
		User signedOut = newUser();
		Browser signedOutBrowser = loggedIn(signedOut).frozen();

		KEYCLOAK_API.adminPut(USERS + edited.id(), Map.of("firstName", "Edited"));
		KEYCLOAK_API.adminDelete(USERS + deleted.id());
		KEYCLOAK_API.adminPost(USERS + signedOut.id() + "/logout", null);

		assertThat(awaitRefused(deletedBrowser).code()).isEqualTo("revoked");
		assertThat(awaitRefused(signedOutBrowser).code()).isEqualTo("revoked");
		// Both later events were handled, so the earlier edit was too: it revoked nothing.
		assertThat(editedBrowser.session().status()).isEqualTo(200);
	}

	/** The first answer to the session endpoint that is not 200 (the one that also clears the cookies). */
	private static Browser.Response awaitRefused(Browser browser) {
		return await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(browser::session, (answer) -> answer.status() != 200);
	}

}
