package io.authstack.keycloak.risk;

import java.net.URI;
import java.time.Instant;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens a {@link DeviceApprovalActionToken} link in two steps, so that a mail scanner that fetches every link in
 * an email approves nothing:
 * <ol>
 * <li>Opening the link (a GET) only shows the page "Approve this sign-in from &lt;device&gt;?", whose form carries
 * the token again, now bound to the authentication session Keycloak opened for this browser (its
 * {@code AUTH_SESSION_ID} cookie and tab id), as Keycloak's own verify-email link binds its confirmation.</li>
 * <li>Submitting the form (a POST from that same browser session) approves: the device in the token joins the
 * user's known devices, so the refused login passes when it is tried again.</li>
 * </ol>
 * A POST from any other browser, or one without the session's cookie (a forged cross-site form), finds no
 * matching session: Keycloak opens a fresh one and the page is shown again. Keycloak has already checked the
 * signature, expiry, user, email and that the token was not used; this handler makes the link single-use by
 * revoking its key before it approves anything (a second use finds it revoked, the bound copy too: both share
 * the key).
 */
public final class DeviceApprovalActionTokenHandler extends AbstractActionTokenHandler<DeviceApprovalActionToken> {

	/** Login-theme page asking the user to approve the sign-in (theme-resources). */
	static final String APPROVE_TEMPLATE = "device-risk-approve.ftl";

	/** Login-theme message shown once the device is approved. */
	static final String APPROVED_MESSAGE = "deviceRiskDeviceApproved";

	/**
	 * Where the form posts. Keycloak's action-token endpoint answers GET only; this login-actions path is the one
	 * that takes an action token by POST ({@code key} in the query), handing it to the token type's handler, here
	 * this one, with the same checks as the GET.
	 */
	private static final String POST_PATH = LoginActionsService.RESET_CREDENTIALS_PATH;

	/** Revoked keys outlive the token's expiry by this much, as Keycloak's own action tokens do. */
	private static final int CLOCK_SKEW_SECONDS = 60;

	public DeviceApprovalActionTokenHandler() {
		super(DeviceApprovalActionToken.TOKEN_TYPE, DeviceApprovalActionToken.class, Messages.INVALID_CODE,
				EventType.EXECUTE_ACTION_TOKEN, Errors.INVALID_TOKEN);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Predicate<? super DeviceApprovalActionToken>[] getVerifiers(
			ActionTokenContext<DeviceApprovalActionToken> tokenContext) {
		return new Predicate[] { verifyEmail(tokenContext) };
	}

	@Override
	public boolean canUseTokenRepeatedly(DeviceApprovalActionToken token,
			ActionTokenContext<DeviceApprovalActionToken> tokenContext) {
		return false;
	}

	@Override
	public Response handleToken(DeviceApprovalActionToken token,
			ActionTokenContext<DeviceApprovalActionToken> tokenContext) {
		boolean post = HttpMethod.POST.equals(tokenContext.getRequest().getHttpMethod());
		// Fresh: Keycloak found no session of this browser that the token is bound to, so this is the link itself
		// or a form posted from elsewhere.
		if (!post || tokenContext.isAuthenticationSessionFresh()) {
			return approvalPage(token, tokenContext);
		}
		return approve(token, tokenContext);
	}

	private static Response approvalPage(DeviceApprovalActionToken token,
			ActionTokenContext<DeviceApprovalActionToken> tokenContext) {
		KeycloakSession session = tokenContext.getSession();
		RealmModel realm = tokenContext.getRealm();
		UriInfo uriInfo = tokenContext.getUriInfo();
		AuthenticationSessionModel authSession = tokenContext.getAuthenticationSession();
		token.setCompoundAuthenticationSessionId(AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId());
		URI approveUrl = LoginActionsService.loginActionsBaseUrl(uriInfo)
			.path(POST_PATH)
			.queryParam(Constants.KEY, token.serialize(session, realm, uriInfo))
			.queryParam(Constants.CLIENT_ID, authSession.getClient().getClientId())
			.queryParam(Constants.TAB_ID, authSession.getTabId())
			.build(realm.getName());
		return session.getProvider(LoginFormsProvider.class)
			.setAuthenticationSession(authSession)
			.setAttribute("approveUrl", approveUrl.toString())
			.setAttribute("deviceLabel", token.getDeviceLabel())
			.setAttribute("ipPrefix", token.getIpPrefix())
			.createForm(APPROVE_TEMPLATE);
	}

	private static Response approve(DeviceApprovalActionToken token,
			ActionTokenContext<DeviceApprovalActionToken> tokenContext) {
		KeycloakSession session = tokenContext.getSession();
		UserModel user = tokenContext.getAuthenticationSession().getAuthenticatedUser();
		EventBuilder event = tokenContext.getEvent()
			.user(user)
			.detail(DeviceRiskAuthenticator.DETAIL_DEVICE_LABEL, token.getDeviceLabel());
		// The authentication session Keycloak opened for the link has no login to continue.
		new AuthenticationSessionManager(session).removeAuthenticationSession(tokenContext.getRealm(),
				tokenContext.getAuthenticationSession(), true);
		LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
		int now = Time.currentTime();
		if (!session.revokedTokens().put(token.serializeKey(), token.getExp() - now + CLOCK_SKEW_SECONDS)) {
			event.error(Errors.EXPIRED_CODE);
			return forms.setError(Messages.EXPIRED_ACTION).createErrorPage(Response.Status.BAD_REQUEST);
		}
		KnownDevices known = KnownDeviceStore.read(user);
		KnownDeviceStore.write(user, known.signedIn(token.getDeviceId(), token.getDeviceLabel(), token.getIpPrefix(),
				Instant.ofEpochSecond(now), token.getDevicesKept()));
		event.success();
		return forms.setSuccess(APPROVED_MESSAGE).createInfoPage();
	}

}
