package io.authstack.bff.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cookies are bound to the device that logged in. */
class BindingIT extends BffIntegrationTest {

	@Test
	void cookiesReplayedWithAnotherUserAgentAreABindingMismatchAndEndTheSession() {
		Browser browser = loggedIn(newUser());
		Browser otherDevice = browser.withUserAgent("curl/8.14.1");

		Browser.Response stolen = otherDevice.session();

		assertThat(stolen.status()).isEqualTo(401);
		assertThat(stolen.code()).isEqualTo("binding_mismatch");
		// The session is presumed stolen: the legitimate browser has to log in again too.
		assertThat(browser.session().code()).isEqualTo("revoked");
	}

	@Test
	void refreshWithAnotherUserAgentIsABindingMismatch() {
		Browser browser = loggedIn(newUser());

		Browser.Response stolen = browser.withUserAgent("curl/8.14.1").refresh();

		assertThat(stolen.status()).isEqualTo(401);
		assertThat(stolen.code()).isEqualTo("binding_mismatch");
		assertThat(browser.refresh().status()).isEqualTo(401);
	}

}
