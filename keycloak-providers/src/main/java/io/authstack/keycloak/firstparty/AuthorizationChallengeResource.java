package io.authstack.keycloak.firstparty;

import java.util.Optional;

import io.authstack.keycloak.flow.HeadlessSteps;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;
import org.keycloak.protocol.oidc.utils.OAuth2Code;
import org.keycloak.protocol.oidc.utils.OAuth2CodeParser;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * The authorization challenge endpoint of OAuth 2.0 for First-Party Applications
 * ({@code draft-ietf-oauth-first-party-apps}), at {@code POST /realms/{realm}/first-party/authorization-challenge}: a
 * first-party confidential client posts the user's credentials and gets an authorization code, or an error
 * that says what the next round must bring, with an {@code auth_session} to bring it under. Each round runs
 * the realm's {@value AuthorizationChallengeResourceFactory#FLOW_ALIAS} flow on one Keycloak authentication
 * session, whose finished steps are not run again; the code is bound to the client and to the PKCE challenge of
 * the first round, and is exchanged at the token endpoint as any other.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-oauth-first-party-apps/">OAuth 2.0 for First-Party
 * Applications</a>
 */
public final class AuthorizationChallengeResource implements RealmResourceProvider {

	private static final Logger LOG = Logger.getLogger(AuthorizationChallengeResource.class);

	private static final String AUTH_SESSION_PARAMETER = "auth_session";

	private static final String S256 = "S256";

	/** The {@code auth_type} of the endpoint's events. */
	static final String AUTH_TYPE = "authorization_challenge";

	private final KeycloakSession session;

	AuthorizationChallengeResource(KeycloakSession session) {
		this.session = session;
	}

	@Override
	public Object getResource() {
		return this;
	}

	@POST
	@Path(AuthorizationChallengeResourceFactory.ENDPOINT_PATH)
	@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
	@Produces(MediaType.APPLICATION_JSON)
	public Response challenge() {
		RealmModel realm = this.session.getContext().getRealm();
		EventBuilder event = new EventBuilder(realm, this.session, this.session.getContext().getConnection())
			.event(EventType.LOGIN);
		// Throws invalid_client (401) itself, as the token endpoint does.
		ClientModel client = AuthorizeClientUtil.authorizeClient(this.session, event, null).getClient();
		if (client.isPublicClient() || !client.isStandardFlowEnabled()
				|| !Boolean.parseBoolean(client.getAttribute(AuthorizationChallengeResourceFactory.CLIENT_ATTRIBUTE))) {
			event.error(Errors.NOT_ALLOWED);
			return ChallengeAnswers.error("unauthorized_client", "The client may not use the authorization challenge endpoint");
		}
		AuthenticationFlowModel flow = realm.getFlowByAlias(AuthorizationChallengeResourceFactory.FLOW_ALIAS);
		if (flow == null) {
			LOG.errorf("Realm %s has no flow '%s' for the authorization challenge endpoint", realm.getName(),
					AuthorizationChallengeResourceFactory.FLOW_ALIAS);
			return ChallengeAnswers.error("server_error", "The endpoint is not set up in this realm");
		}
		MultivaluedMap<String, String> form = this.session.getContext().getHttpRequest().getDecodedFormParameters();
		ChallengeSessions rounds = new ChallengeSessions(this.session, realm);
		String handle = form.getFirst(AUTH_SESSION_PARAMETER);
		if (handle == null) {
			return firstRound(realm, client, flow, form, event, rounds);
		}
		Optional<AuthenticationSessionModel> authSession = rounds.redeem(handle, client);
		if (authSession.isEmpty()) {
			event.error(Errors.SESSION_EXPIRED);
			return ChallengeAnswers.error("invalid_session", "The auth_session is unknown, used or expired; start again");
		}
		return round(realm, authSession.get(), flow, event, rounds);
	}

	private Response firstRound(RealmModel realm, ClientModel client, AuthenticationFlowModel flow,
			MultivaluedMap<String, String> form, EventBuilder event, ChallengeSessions rounds) {
		String codeChallenge = form.getFirst(OAuth2Constants.CODE_CHALLENGE);
		if (codeChallenge == null || !S256.equals(form.getFirst(OAuth2Constants.CODE_CHALLENGE_METHOD))
				|| !codeChallenge.matches("[A-Za-z0-9._~-]{43,128}")) {
			event.error(Errors.INVALID_REQUEST);
			return ChallengeAnswers.error("invalid_request", "A code_challenge with code_challenge_method S256 is required");
		}
		RootAuthenticationSessionModel root = new AuthenticationSessionManager(this.session)
			.createAuthenticationSession(realm, false);
		AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
		authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
		// Keycloak puts it into every event of the flow, beside the protocol (auth_method).
		authSession.setAuthNote(Details.AUTH_TYPE, AUTH_TYPE);
		authSession.setAction(AuthenticatedClientSessionModel.Action.AUTHENTICATE.name());
		authSession.setClientNote(OIDCLoginProtocol.ISSUER,
				Urls.realmIssuer(this.session.getContext().getUri().getBaseUri(), realm.getName()));
		authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope(form));
		authSession.setClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM, codeChallenge);
		authSession.setClientNote(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM, S256);
		return round(realm, authSession, flow, event, rounds);
	}

	/** Runs the flow as far as this round's answers take it. */
	private Response round(RealmModel realm, AuthenticationSessionModel authSession, AuthenticationFlowModel flow,
			EventBuilder event, ChallengeSessions rounds) {
		AuthenticationProcessor processor = new AuthenticationProcessor().setAuthenticationSession(authSession)
			.setFlowId(flow.getId())
			.setFlowPath(HeadlessSteps.AUTHORIZATION_CHALLENGE_FLOW_PATH)
			.setConnection(this.session.getContext().getConnection())
			.setEventBuilder(event)
			.setRealm(realm)
			.setSession(this.session)
			.setUriInfo(this.session.getContext().getUri())
			.setRequest(this.session.getContext().getHttpRequest());
		Response challenge;
		try {
			challenge = processor.authenticateOnly();
		}
		catch (AuthenticationFlowException ex) {
			LOG.debugf("Authorization challenge refused: %s", ex.getError());
			end(realm, authSession);
			return ChallengeAnswers.error("access_denied", "The sign-in was refused");
		}
		if (challenge != null) {
			return nextRound(realm, authSession, challenge, rounds);
		}
		processor.evaluateRequiredActionTriggers();
		UserModel user = authSession.getAuthenticatedUser();
		if (user.getRequiredActionsStream().findAny().isPresent() || !authSession.getRequiredActions().isEmpty()) {
			// Updating a password or accepting terms needs Keycloak's own pages.
			end(realm, authSession);
			event.detail(Details.REASON, "required actions").error(Errors.RESOLVE_REQUIRED_ACTIONS);
			return ChallengeAnswers.redirectToWeb();
		}
		return ChallengeAnswers.code(issueCode(realm, authSession, processor, event));
	}

	/** The flow stopped: either it needs another round, or it refused. */
	private Response nextRound(RealmModel realm, AuthenticationSessionModel authSession, Response challenge,
			ChallengeSessions rounds) {
		String refusal = (challenge.getEntity() instanceof OAuth2ErrorRepresentation error) ? error.getErrorDescription()
				: null;
		Optional<ChallengeAnswers.Step> step = ChallengeAnswers.Step.askedBy(refusal);
		if (step.isPresent()) {
			return ChallengeAnswers.insufficient(step.get(), rounds.issue(authSession));
		}
		end(realm, authSession);
		if (refusal == null) {
			// A step that only a browser can do answered with a page.
			return ChallengeAnswers.redirectToWeb();
		}
		return ChallengeAnswers.error("access_denied", refusal);
	}

	private String issueCode(RealmModel realm, AuthenticationSessionModel authSession, AuthenticationProcessor processor,
			EventBuilder event) {
		AuthenticationManager.setClientScopesInSession(this.session, authSession);
		ClientSessionContext context = processor.attachSession();
		AuthenticatedClientSessionModel clientSession = context.getClientSession();
		OAuth2Code code = new OAuth2Code(SecretGenerator.getInstance().generateSecureID(),
				authSession.getClient().getId(), Time.currentTime() + realm.getAccessCodeLifespan(), null,
				authSession.getClientNote(OAuth2Constants.SCOPE), null, null,
				authSession.getClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM),
				authSession.getClientNote(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM), null,
				clientSession.getUserSession().getId());
		String persisted = OAuth2CodeParser.persistCode(this.session, clientSession, code);
		event.session(clientSession.getUserSession()).success();
		AuthenticationManager.logSuccess(this.session, authSession);
		end(realm, authSession);
		return persisted;
	}

	private void end(RealmModel realm, AuthenticationSessionModel authSession) {
		new AuthenticationSessionManager(this.session).removeAuthenticationSession(realm, authSession, false);
	}

	private static String scope(MultivaluedMap<String, String> form) {
		String requested = form.getFirst(OAuth2Constants.SCOPE);
		return (requested == null) ? OAuth2Constants.SCOPE_OPENID : requested;
	}

	@Override
	public void close() {
	}

}
