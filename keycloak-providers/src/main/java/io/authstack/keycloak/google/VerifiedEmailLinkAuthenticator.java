package io.authstack.keycloak.google;

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
 * asking, only when both sides vouch for that email: the identity provider's validated ID token says
 * {@code email_verified: true} and the local account's email is verified. Otherwise it steps aside
 * ({@code attempted}) and the flow's next alternative asks the user to confirm and prove the account is theirs.
 * Unlike {@code idp-auto-link}, it never links on an unverified email on either side (account pre-hijacking).
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims">OpenID Connect Core §5.1,
 * email_verified</a>
 */
public final class VerifiedEmailLinkAuthenticator extends AbstractIdpAuthenticator {

	@Override
	protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
			BrokeredIdentityContext brokerContext) {
		UserModel existing = getExistingUser(context.getSession(), context.getRealm(),
				context.getAuthenticationSession());
		Object idToken = brokerContext.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
		if (mayLink(brokerContext.getEmail(), idToken, existing.getEmail(), existing.isEmailVerified())) {
			context.setUser(existing);
			context.success();
		}
		else {
			context.attempted();
		}
	}

	/**
	 * Whether the brokered identity may be linked without asking: the same email on both sides (ignoring case),
	 * in the ID token as well, verified by the identity provider and here.
	 * @param idToken the identity provider's validated ID token, {@code null} when it sent none
	 */
	static boolean mayLink(String brokeredEmail, Object idToken, String localEmail, boolean localEmailVerified) {
		if (!localEmailVerified || brokeredEmail == null || !brokeredEmail.equalsIgnoreCase(localEmail)) {
			return false;
		}
		if (!(idToken instanceof JsonWebToken token)) {
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
		return brokeredEmail.equalsIgnoreCase(tokenEmail) && tokenEmailVerified != null
				&& Boolean.parseBoolean(tokenEmailVerified.toString());
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
