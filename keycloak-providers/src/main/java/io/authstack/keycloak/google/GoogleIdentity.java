package io.authstack.keycloak.google;

/**
 * Who a verified Google ID token says the user is. {@code subject} is the account's stable id; the email can
 * change hands over time, so accounts are keyed by (google, subject), never by email alone.
 *
 * @param hostedDomain the Workspace domain ({@code hd}), {@code null} for consumer accounts
 * @see <a href="https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload">Google:
 * an ID token's payload</a>
 */
public record GoogleIdentity(String subject, String email, String givenName, String familyName, String hostedDomain) {
}
