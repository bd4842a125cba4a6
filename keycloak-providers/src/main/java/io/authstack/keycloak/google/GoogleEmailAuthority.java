package io.authstack.keycloak.google;

import java.util.Locale;
import java.util.Set;

/**
 * Whether Google owns the address a Google account carries, so that the account may take over a local account
 * holding the same email without the user proving anything more. {@code email_verified} alone is not enough: a
 * consumer Google account can be registered with any address, verified once, and keep it after the mailbox
 * changed hands. Google is authoritative only for Gmail addresses ({@code gmail.com}, {@code googlemail.com})
 * and for a Workspace account whose hosted domain ({@code hd}) is the address's own domain.
 *
 * @see <a href="https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload">Google:
 * an ID token's payload, {@code email}, {@code email_verified} and {@code hd}</a>
 */
final class GoogleEmailAuthority {

	/** The {@code iss} values of Google's ID tokens, both forms Google uses. */
	static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");

	/** The {@code hd} claim of a Workspace account's ID token. */
	static final String HOSTED_DOMAIN_CLAIM = "hd";

	private static final Set<String> GMAIL_DOMAINS = Set.of("gmail.com", "googlemail.com");

	private GoogleEmailAuthority() {
	}

	/**
	 * @param email the address in the ID token, verified by Google
	 * @param hostedDomain the token's {@code hd}, {@code null} for a consumer account
	 * @return whether Google vouches that the account owns {@code email} now
	 */
	static boolean vouchesFor(String email, String hostedDomain) {
		int at = (email != null) ? email.lastIndexOf('@') : -1;
		if (at < 0) {
			return false;
		}
		String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
		return GMAIL_DOMAINS.contains(domain) || (hostedDomain != null && hostedDomain.equalsIgnoreCase(domain));
	}

}
