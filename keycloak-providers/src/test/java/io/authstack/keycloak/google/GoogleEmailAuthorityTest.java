package io.authstack.keycloak.google;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleEmailAuthorityTest {

	@Test
	void googleOwnsGmailAddresses() {
		assertThat(GoogleEmailAuthority.vouchesFor("ada@gmail.com", null)).isTrue();
		assertThat(GoogleEmailAuthority.vouchesFor("Ada@GoogleMail.com", null)).isTrue();
	}

	@Test
	void googleOwnsTheAddressesOfAWorkspaceAccountsOwnDomain() {
		assertThat(GoogleEmailAuthority.vouchesFor("ada@example.com", "example.com")).isTrue();
		assertThat(GoogleEmailAuthority.vouchesFor("ada@Example.COM", "example.com")).isTrue();
	}

	@Test
	void googleDoesNotOwnTheAddressOfAConsumerAccountElsewhere() {
		assertThat(GoogleEmailAuthority.vouchesFor("alice@example.com", null)).isFalse();
	}

	@Test
	void googleDoesNotOwnAWorkspaceAccountsAddressOutsideItsDomain() {
		assertThat(GoogleEmailAuthority.vouchesFor("ada@example.com", "corp.example.com")).isFalse();
		assertThat(GoogleEmailAuthority.vouchesFor("ada@sub.example.com", "example.com")).isFalse();
		assertThat(GoogleEmailAuthority.vouchesFor("ada@gmail.com.example.com", null)).isFalse();
	}

	@Test
	void noAddressNoAuthority() {
		assertThat(GoogleEmailAuthority.vouchesFor(null, "example.com")).isFalse();
		assertThat(GoogleEmailAuthority.vouchesFor("example.com", "example.com")).isFalse();
	}

}
