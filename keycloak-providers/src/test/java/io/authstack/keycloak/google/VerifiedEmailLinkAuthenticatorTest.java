package io.authstack.keycloak.google;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedEmailLinkAuthenticatorTest {

	private static final String GOOGLE = "https://accounts.google.com";

	private static final Set<String> CHECKED_GOOGLE = Set.of(GOOGLE);

	@Test
	void linksAGmailAccountWhenGoogleAndTheAccountBothVerifiedTheSameEmail() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("Ada@Gmail.com", true),
				CHECKED_GOOGLE, "ada@gmail.com", true)).isTrue();
	}

	@Test
	void linksAWorkspaceAccountOfTheAddressesOwnDomain() {
		JsonWebToken token = idToken("ada@example.com", true);
		token.setOtherClaims("hd", "example.com");

		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.com", token, CHECKED_GOOGLE, "ada@example.com",
				true)).isTrue();
	}

	@Test
	void asksWhenAConsumerGoogleAccountCarriesAnAddressGoogleDoesNotOwn() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@example.com", idToken("ada@example.com", true),
				CHECKED_GOOGLE, "ada@example.com", true)).isFalse();
	}

	@Test
	void asksWhenTheTokenIsNotGooglesOrKeycloakDidNotCheckItsIssuer() {
		JsonWebToken other = idToken("ada@gmail.com", true);
		other.issuer("https://idp.example.com");

		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", other, Set.of("https://idp.example.com"),
				"ada@gmail.com", true)).isFalse();
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("ada@gmail.com", true), Set.of(),
				"ada@gmail.com", true)).isFalse();
	}

	@Test
	void asksWhenTheLocalEmailIsUnverified() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("ada@gmail.com", true),
				CHECKED_GOOGLE, "ada@gmail.com", false)).isFalse();
	}

	@Test
	void asksWhenTheProviderDoesNotVouchForTheEmail() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("ada@gmail.com", false),
				CHECKED_GOOGLE, "ada@gmail.com", true)).isFalse();
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("ada@gmail.com", null),
				CHECKED_GOOGLE, "ada@gmail.com", true)).isFalse();
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", null, CHECKED_GOOGLE, "ada@gmail.com",
				true)).isFalse();
	}

	@Test
	void asksWhenTheExistingAccountWasMatchedOnSomethingElseThanThisEmail() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("ada@gmail.com", true),
				CHECKED_GOOGLE, "someone@gmail.com", true)).isFalse();
	}

	@Test
	void asksWhenTheVerifiedEmailInTheTokenIsNotTheBrokeredOne() {
		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", idToken("other@gmail.com", true),
				CHECKED_GOOGLE, "ada@gmail.com", true)).isFalse();
	}

	@Test
	void readsTheClaimsOfAnIdTokenParsedAsOidcIdToken() {
		IDToken token = new IDToken();
		token.issuer(GOOGLE);
		token.setEmail("ada@gmail.com");
		token.setEmailVerified(true);

		assertThat(VerifiedEmailLinkAuthenticator.mayLink("ada@gmail.com", token, CHECKED_GOOGLE, "ada@gmail.com",
				true)).isTrue();
	}

	/** As Keycloak's OIDC broker keeps it: a plain JWT whose email claims are "other" claims. */
	private static JsonWebToken idToken(String email, Boolean verified) {
		JsonWebToken token = new JsonWebToken();
		token.issuer(GOOGLE);
		token.setOtherClaims(IDToken.EMAIL, email);
		if (verified != null) {
			token.setOtherClaims(IDToken.EMAIL_VERIFIED, verified);
		}
		return token;
	}

}
