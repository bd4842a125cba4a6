package io.authstack.keycloak.risk;

import java.time.Instant;

import jakarta.ws.rs.core.Response;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.messages.Messages;

/**
 * Opens a {@link DeviceApprovalActionToken} link: the device in the token joins the user's known devices,
 * so the refused login passes when it is tried again.
 * <p>
 * Keycloak has already checked the signature, expiry, user and email; this handler makes the link
 * single-use by revoking its key before it approves anything (a second use finds it revoked).
 */
public final class DeviceApprovalActionTokenHandler extends AbstractActionTokenHandler<DeviceApprovalActionToken> {

	/** Login-theme message shown once the device is approved. */
	static final String APPROVED_MESSAGE = "deviceRiskDeviceApproved";

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
		KeycloakSession session = tokenContext.getSession();
		UserModel user = tokenContext.getAuthenticationSession().getAuthenticatedUser();
		EventBuilder event = tokenContext.getEvent()
			.user(user)
			.detail(DeviceRiskAuthenticator.DETAIL_DEVICE_LABEL, token.getDeviceLabel());
		// The fresh authentication session Keycloak opened for the link has no login to continue.
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
