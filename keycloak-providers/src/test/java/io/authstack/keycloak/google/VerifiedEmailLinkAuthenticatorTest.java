package io.authstack.keycloak.google;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedEmailLinkAuthenticatorTest {

	@Test
	void linksWhenTheProviderAndTheAccountBothVerifiedTheSameEmail() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", idToken("Ada@Example.test", true),
				"ada@example.test", true)).isTrue();
	}

	@Test
	void asksWhenTheLocalEmailIsUnverified() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", idToken("ada@example.test", true),
				"ada@example.test", false)).isFalse();
	}

	@Test
	void asksWhenTheProviderDoesNotVouchForTheEmail() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", idToken("ada@example.test", false),
				"ada@example.test", true)).isFalse();
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", idToken("ada@example.test", null),
				"ada@example.test", true)).isFalse();
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", null, "ada@example.test", true))
			.isFalse();
	}

	@Test
	void asksWhenTheExistingAccountWasMatchedOnSomethingElseThanThisEmail() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", idToken("ada@example.test", true),
				"someone@example.test", true)).isFalse();
	}

	@Test
	void asksWhenTheVerifiedEmailInTheTokenIsNotTheBrokeredOne() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", idToken("other@example.test", true),
				"ada@example.test", true)).isFalse();
	}

	@Test
	void readsTheClaimsOfAnIdTokenParsedAsOidcIdToken() {
		IDToken token = new IDToken();
		token.setEmail("ada@example.test");
		token.setEmailVerified(true);

		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.test", token, "ada@example.test", true)).isTrue();
	}

	/** As Keycloak's OIDC broker keeps it: a plain JWT whose email claims are "other" claims. */
	private static JsonWebToken idToken(String email, Boolean verified) {
		JsonWebToken token = new JsonWebToken();
		token.setOtherClaims(IDToken.EMAIL, email);
		if (verified != null) {
			token.setOtherClaims(IDToken.EMAIL_VERIFIED, verified);
		}
		return token;
	}

}
