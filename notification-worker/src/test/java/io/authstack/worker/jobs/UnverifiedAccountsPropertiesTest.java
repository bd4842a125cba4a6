package io.authstack.worker.jobs;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnverifiedAccountsPropertiesTest {

	@Test
	void enabledWithoutKeycloakOrSecretIsRefusedNamingBoth() {
		assertThatThrownBy(() -> new UnverifiedAccountsProperties(true, "0 30 3 * * *", null, "authstack",
				"authstack-worker", null, Duration.ofDays(7)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("keycloak-url")
			.hasMessageContaining("client-secret");
	}

	@Test
	void disabledNeedsNothing() {
		assertThatCode(() -> new UnverifiedAccountsProperties(false, "0 30 3 * * *", null, "authstack",
				"authstack-worker", null, Duration.ofDays(7)))
			.doesNotThrowAnyException();
	}

	@Test
	void enabledWithKeycloakAndSecretIsAccepted() {
		assertThatCode(() -> new UnverifiedAccountsProperties(true, "0 30 3 * * *",
				URI.create("https://auth.example.com"), "authstack", "authstack-worker", "secret", Duration.ofDays(7)))
			.doesNotThrowAnyException();
	}

}
