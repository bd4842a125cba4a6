package io.authstack.keycloak.google;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.CommonClientSessionModel.ExecutionStatus;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.social.google.GoogleIdentityProviderConfig;

/**
 * An extension grant that exchanges a Google ID token ("Sign in with Google", One Tap) for this realm's tokens.
 * The token is verified locally ({@link GoogleIdTokenVerifier}, {@link GoogleIdTokenChecks}: it must carry the
 * {@code nonce} the client sends with it), spent ({@link GoogleTokenReplayGuard}), the user found,
 * linked or created ({@link GoogleAccountResolver}), the {@code google} provider's post-login flow run when it has
 * one, and the tokens issued through Keycloak's token manager with a
 * user session and a client session, like any login, recorded as a {@code LOGIN} event with
 * {@code identity_provider=google}. Only confidential clients that carry
 * {@link GoogleIdTokenGrantTypeFactory#CLIENT_ATTRIBUTE} may use it: Keycloak does not gate extension grants per
 * client itself.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.5">RFC 6749 §4.5, extension grants</a>
 */
public final class GoogleIdTokenGrantType extends OAuth2GrantTypeBase {

	private final GoogleIdTokenSettings settings;

	GoogleIdTokenGrantType(GoogleIdTokenSettings settings) {
		this.settings = settings;
	}

	@Override
	public Response process(Context context) {
		setContext(context);
		this.event.detail(Details.IDENTITY_PROVIDER, GoogleIdTokenGrantTypeFactory.IDENTITY_PROVIDER_ALIAS);
		requireAllowedClient();
		String scope = getRequestedScopes();
		try {
			IdentityProviderModel google = googleIdentityProvider();
			IDToken token = new GoogleIdTokenVerifier(this.session, this.settings.jwksUrl())
				.verify(this.formParams.getFirst(GoogleIdTokenGrantTypeFactory.ID_TOKEN_PARAMETER));
			Instant now = Instant.now();
			GoogleIdentity identity = checks(google).check(token,
					this.formParams.getFirst(GoogleIdTokenGrantTypeFactory.NONCE_PARAMETER), now);
			this.event.detail(Details.IDENTITY_PROVIDER_USER_ID, identity.subject())
				.detail(Details.IDENTITY_PROVIDER_USERNAME, identity.email());
			// Spent before anything is written for it, so that two requests with one token never both sign in.
			GoogleTokenReplayGuard replays = new GoogleTokenReplayGuard(this.session, this.settings.clockSkew());
			replays.spend(token, now);
			UserModel user = resolve(google, identity, replays, token);
			this.event.user(user).detail(Details.USERNAME, user.getUsername());
			AuthenticationSessionModel authSession = authenticationSession(user, identity, scope);
			runPostLoginFlow(google, authSession);
			return issueTokens(user, authSession, scope);
		}
		catch (GoogleSignInException ex) {
			GoogleSignInRejection rejection = ex.rejection();
			this.event.detail(Details.REASON, ex.getMessage()).error(rejection.eventError());
			throw new CorsErrorResponseException(this.cors, rejection.oauthError(), rejection.code(),
					rejection.status());
		}
	}

	private UserModel resolve(IdentityProviderModel google, GoogleIdentity identity, GoogleTokenReplayGuard replays,
			IDToken token) {
		try {
			return new GoogleAccountResolver(this.session, this.realm, google, this.event).resolve(identity);
		}
		catch (GoogleSignInException ex) {
			if (ex.rejection() == GoogleSignInRejection.CONCURRENT_SIGN_IN) {
				replays.giveBack(token);
			}
			throw ex;
		}
	}

	private void requireAllowedClient() {
		boolean allowed = !this.client.isPublicClient()
				&& Boolean.parseBoolean(this.client.getAttribute(GoogleIdTokenGrantTypeFactory.CLIENT_ATTRIBUTE));
		if (!allowed) {
			this.event.detail(Details.REASON, "client not allowed to use the Google ID token grant")
				.error(Errors.NOT_ALLOWED);
			throw new CorsErrorResponseException(this.cors, OAuthErrorException.UNAUTHORIZED_CLIENT,
					"Client not allowed to use this grant", Response.Status.BAD_REQUEST);
		}
	}

	/** The realm's {@code google} identity provider: disabling it turns this grant off for the realm. */
	private IdentityProviderModel googleIdentityProvider() {
		IdentityProviderModel google = this.session.identityProviders()
			.getByAlias(GoogleIdTokenGrantTypeFactory.IDENTITY_PROVIDER_ALIAS);
		if (google == null || !google.isEnabled()) {
			throw new GoogleSignInException(GoogleSignInRejection.SIGN_IN_DISABLED, "no enabled google provider");
		}
		return google;
	}

	/** Audiences and hosted domains are the realm's, as configured on its {@code google} identity provider. */
	private GoogleIdTokenChecks checks(IdentityProviderModel google) {
		GoogleIdentityProviderConfig config = new GoogleIdentityProviderConfig(google);
		Set<String> audiences = new HashSet<>(this.settings.additionalAudiences());
		if (config.getClientId() != null && !config.getClientId().isBlank()) {
			audiences.add(config.getClientId());
		}
		String hostedDomain = config.getHostedDomain();
		// Keycloak's Google provider reads "*" as "any account"; so do we.
		Set<String> hostedDomains = "*".equals(hostedDomain) ? Set.of() : GoogleIdTokenSettings.list(hostedDomain);
		return new GoogleIdTokenChecks(this.settings.issuers(), audiences, hostedDomains, this.settings.clockSkew());
	}

	private AuthenticationSessionModel authenticationSession(UserModel user, GoogleIdentity identity, String scope) {
		RootAuthenticationSessionModel rootAuthSession = new AuthenticationSessionManager(this.session)
			.createAuthenticationSession(this.realm, false);
		AuthenticationSessionModel authSession = rootAuthSession.createAuthenticationSession(this.client);
		authSession.setAuthenticatedUser(user);
		authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
		authSession.setClientNote(OIDCLoginProtocol.ISSUER,
				Urls.realmIssuer(this.session.getContext().getUri().getBaseUri(), this.realm.getName()));
		authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope);
		authSession.setUserSessionNote(Details.IDENTITY_PROVIDER, GoogleIdTokenGrantTypeFactory.IDENTITY_PROVIDER_ALIAS);
		authSession.setUserSessionNote(Details.IDENTITY_PROVIDER_USERNAME, identity.email());
		return authSession;
	}

	/**
	 * Runs the {@code google} provider's post-login flow, if it has one, as the redirect flow does after every
	 * Google login: the place for per-login checks such as device risk (the realm's {@code authstack post broker
	 * login}). A token request cannot show a page, so a flow that wants to interact sends the user to the redirect
	 * flow instead, unless it answers in OAuth terms itself.
	 */
	private void runPostLoginFlow(IdentityProviderModel google, AuthenticationSessionModel authSession) {
		String flowId = google.getPostBrokerLoginFlowId();
		if (flowId == null) {
			return;
		}
		// The grant's own event builder: what the flow adds (device risk's reasons and label) belongs in this
		// sign-in's LOGIN event.
		AuthenticationProcessor processor = new AuthenticationProcessor().setAuthenticationSession(authSession)
			.setFlowId(flowId)
			.setFlowPath("token")
			.setConnection(this.clientConnection)
			.setEventBuilder(this.event)
			.setRealm(this.realm)
			.setSession(this.session)
			.setUriInfo(this.session.getContext().getUri())
			.setRequest(this.request);
		Response challenge;
		try {
			challenge = processor.authenticateOnly();
		}
		catch (AuthenticationFlowException ex) {
			removeAuthenticationSession(authSession);
			throw new GoogleSignInException(GoogleSignInRejection.LOGIN_DENIED, "post-login flow failed: " + ex.getError(),
					ex);
		}
		if (challenge != null) {
			// A refusal can come as a page too (deny access does): what the executions did tells them apart.
			boolean failed = authSession.getExecutionStatus().containsValue(ExecutionStatus.FAILED);
			removeAuthenticationSession(authSession);
			if (challenge.getEntity() instanceof OAuth2ErrorRepresentation refusal) {
				// Authenticators written for token requests (device risk) answer in OAuth terms and have recorded
				// their event: their error_description (device_denied, otp_required...) is the client's to act on.
				throw new CorsErrorResponseException(this.cors, refusal.getError(), refusal.getErrorDescription(),
						Response.Status.fromStatusCode(challenge.getStatus()));
			}
			if (failed) {
				throw new GoogleSignInException(GoogleSignInRejection.LOGIN_DENIED, "post-login flow failed");
			}
			throw new GoogleSignInException(GoogleSignInRejection.INTERACTION_REQUIRED, "post-login flow challenged");
		}
	}

	private void removeAuthenticationSession(AuthenticationSessionModel authSession) {
		new AuthenticationSessionManager(this.session).removeAuthenticationSession(this.realm, authSession, false);
	}

	private Response issueTokens(UserModel user, AuthenticationSessionModel authSession, String scope) {
		AuthenticationManager.setClientScopesInSession(this.session, authSession);
		UserSessionModel userSession = new UserSessionManager(this.session).createUserSession(
				authSession.getParentSession().getId(), this.realm, user, user.getUsername(),
				this.clientConnection.getRemoteHost(), OIDCLoginProtocol.LOGIN_PROTOCOL, false, null, null,
				UserSessionModel.SessionPersistenceState.PERSISTENT);
		this.event.session(userSession);
		ClientSessionContext clientSessionContext = TokenManager.attachAuthenticationSession(this.session, userSession,
				authSession);
		updateUserSessionFromClientAuth(userSession);
		return createTokenResponse(user, userSession, clientSessionContext, scope, false, null);
	}

	@Override
	public EventType getEventType() {
		return EventType.LOGIN;
	}

	@Override
	public Set<String> getTokenParameterNames() {
		return Set.of(GoogleIdTokenGrantTypeFactory.ID_TOKEN_PARAMETER, GoogleIdTokenGrantTypeFactory.NONCE_PARAMETER);
	}

}
