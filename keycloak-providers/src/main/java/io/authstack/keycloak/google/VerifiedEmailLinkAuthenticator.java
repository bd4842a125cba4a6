package io.authstack.keycloak.google;

import java.util.Set;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

/**
 * First broker login: links the brokered identity to the existing account that holds the same email, without
 * asking, only when that proves the identity owns the account: a Google ID token (its {@code iss} one of Google's,
 * checked by Keycloak against the provider's configured issuer) that says {@code email_verified: true} for an
 * address Google is authoritative for ({@link GoogleEmailAuthority}: Gmail, or a Workspace account of the
 * address's own domain), and the local account's email verified here. Otherwise it steps aside
 * ({@code attempted}) and the flow's next alternative asks the user to confirm and prove the account is theirs:
 * a consumer Google account registered with someone else's address, and any provider other than Google, whose
 * authority over addresses we do not know.
 * Unlike {@code idp-auto-link}, it never links on an unverified email on either side (account pre-hijacking).
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims">OpenID Connect Core §5.1,
 * email_verified</a>
 */
public final class VerifiedEmailLinkAuthenticator extends AbstractIdpAuthenticator {

	/** The identity provider setting with the issuers Keycloak checks the ID token's {@code iss} against. */
	private static final String ISSUER_CONFIG = "issuer";

	@Override
	protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
			BrokeredIdentityContext brokerContext) {
		UserModel existing = getExistingUser(context.getSession(), context.getRealm(),
				context.getAuthenticationSession());
		Object idToken = brokerContext.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
		Set<String> checkedIssuers = GoogleIdTokenSettings
			.list(brokerContext.getIdpConfig().getConfig().get(ISSUER_CONFIG));
		if (mayLink(brokerContext.getEmail(), idToken, checkedIssuers, existing.getEmail(),
				existing.isEmailVerified())) {
			context.setUser(existing);
			context.success();
		}
		else {
			context.attempted();
		}
	}

	/**
	 * Whether the brokered identity may be linked without asking: the same email on both sides (ignoring case),
	 * in the ID token as well, the token Google's, Google authoritative for the address and vouching for it, and
	 * the address verified here.
	 * @param idToken the identity provider's validated ID token, {@code null} when it sent none
	 * @param checkedIssuers the provider's configured issuers, which Keycloak checked the token's {@code iss}
	 * against (none configured: Keycloak checked nothing)
	 */
	static boolean mayLink(String brokeredEmail, Object idToken, Set<String> checkedIssuers, String localEmail,
			boolean localEmailVerified) {
		if (!localEmailVerified || brokeredEmail == null || !brokeredEmail.equalsIgnoreCase(localEmail)) {
			return false;
		}
		if (!(idToken instanceof JsonWebToken token) || !GoogleEmailAuthority.ISSUERS.contains(token.getIssuer())
				|| !checkedIssuers.contains(token.getIssuer())) {
			return false;
		}
		String tokenEmail;
		Object tokenEmailVerified;
		if (token instanceof IDToken oidc && oidc.getEmail() != null) {
			tokenEmail = oidc.getEmail();
			tokenEmailVerified = oidc.getEmailVerified();
		}
		else {
			tokenEmail = (String) token.getOtherClaims().get(IDToken.EMAIL);
			tokenEmailVerified = token.getOtherClaims().get(IDToken.EMAIL_VERIFIED);
		}
		Object hostedDomain = token.getOtherClaims().get(GoogleEmailAuthority.HOSTED_DOMAIN_CLAIM);
		return brokeredEmail.equalsIgnoreCase(tokenEmail) && tokenEmailVerified != null
				&& Boolean.parseBoolean(tokenEmailVerified.toString())
				&& GoogleEmailAuthority.vouchesFor(tokenEmail, (hostedDomain != null) ? hostedDomain.toString() : null);
	}

	@Override
	protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
			BrokeredIdentityContext brokerContext) {
		authenticateImpl(context, serializedCtx, brokerContext);
	}

	@Override
	public boolean requiresUser() {
		return false;
	}

	@Override
	public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
		return false;
	}

}
