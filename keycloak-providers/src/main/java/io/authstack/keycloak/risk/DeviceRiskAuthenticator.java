package io.authstack.keycloak.risk;

import java.time.Instant;

import io.authstack.keycloak.flow.HeadlessSteps;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.OTPFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.device.DeviceRepresentationProvider;
import org.keycloak.email.EmailException;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Compares the signing-in device and network with the user's known devices and applies the action the
 * admin configured for this execution. Placed after the password step of the browser flow and in the
 * direct-grant flow.
 * <p>
 * It only observes: the device is learned and the alert is sent by {@link DeviceRiskEventListenerProvider}
 * once the whole login has succeeded ({@link PendingSignIn}).
 * <p>
 * A failure inside the check (an unreadable header, a store error) never breaks a login that would
 * otherwise pass: the login goes through, the event says {@code risk_check=failed} and the server log has
 * the cause. The exceptions are {@code deny} and {@code require_email_approval}, which an admin picks to keep
 * unknown devices out: there a check that cannot run refuses the login too (fail closed). With
 * {@code require_otp} a check that cannot run asks an OTP user for the code, as if the device were new.
 * <p>
 * {@code require_otp} steps up with Keycloak's own OTP authenticators (the OTP form in the browser,
 * {@link HeadlessSteps#validateOtp} for the {@code otp} parameter of a flow with no login page: the direct
 * grant and the authorization challenge endpoint), so a wrong code counts against the
 * brute-force budget as it would anywhere; a headless request without a code is answered {@value #OTP_REQUIRED}
 * and counts for nothing.
 * <p>
 * Refusals are answered as challenges, not flow failures, so they do not count against the user's
 * brute-force budget: the password was right, and an attacker holding it must not be able to lock the
 * owner out through this check. Headless flows answer {@code invalid_grant} with the description
 * {@value #DEVICE_DENIED}, {@value #DEVICE_APPROVAL_REQUIRED} or {@value #OTP_REQUIRED}, which the BFF maps to
 * its own codes.
 */
public final class DeviceRiskAuthenticator implements Authenticator {

	/** Event detail: the risk reasons, comma-separated ({@link RiskReason#code()}). */
	public static final String DETAIL_RISK_REASONS = "risk_reasons";

	/** Event detail: the device label, e.g. "Firefox on Linux". */
	public static final String DETAIL_DEVICE_LABEL = "device_label";

	/** Event detail: {@code failed} when the check could not run. */
	public static final String DETAIL_RISK_CHECK = "risk_check";

	/** Event error and direct-grant {@code error_description} when the action is {@code deny}. */
	public static final String DEVICE_DENIED = "device_denied";

	/** Event error and direct-grant {@code error_description} while a device awaits the user's approval. */
	public static final String DEVICE_APPROVAL_REQUIRED = "device_approval_required";

	/** Event error and direct-grant {@code error_description} when the device needs the user's OTP code. */
	public static final String OTP_REQUIRED = HeadlessSteps.OTP_REQUIRED;

	/** The browser page asking the user to approve the device from their email (theme-resources). */
	static final String CHECK_EMAIL_TEMPLATE = "device-risk-check-email.ftl";

	static final String NOT_APPROVED_YET_MESSAGE = "deviceRiskNotApprovedYet";

	/** Auth note: the device id a browser login waits on while the user opens the approval link. */
	private static final String AWAITING_APPROVAL_NOTE = "authstack.device_risk.awaiting_approval";

	/** Auth note: a browser login waits on the OTP form this check showed. */
	private static final String AWAITING_OTP_NOTE = "authstack.device_risk.awaiting_otp";

	/** Single-use store key prefix: an approval email for this user and device went out recently. */
	private static final String APPROVAL_SENT_KEY = "authstack.device_risk.approval_sent:";

	private static final Logger LOG = Logger.getLogger(DeviceRiskAuthenticator.class);

	private final DeviceFingerprinter fingerprinter;

	DeviceRiskAuthenticator(DeviceFingerprinter fingerprinter) {
		this.fingerprinter = fingerprinter;
	}

	@Override
	public void authenticate(AuthenticationFlowContext context) {
		if (context.getUser() == null) {
			// An earlier step refused without naming the user (a brute-force lockout in the direct grant hides
			// itself this way); there is no device to check, and the flow fails on its own.
			context.attempted();
			return;
		}
		DeviceRiskConfig config = DeviceRiskConfig.of(context.getAuthenticatorConfig());
		boolean directGrant = HeadlessSteps.isHeadless(context);
		try {
			check(context, config, directGrant);
		}
		catch (RuntimeException ex) {
			context.getEvent().detail(DETAIL_RISK_CHECK, "failed");
			if (config.action() == DeviceRiskAction.REQUIRE_OTP && hasOtp(context)) {
				LOG.warnf(ex, "device-risk: check failed for user %s; asking for the OTP code",
						context.getUser().getId());
				requireOtp(context, directGrant);
				return;
			}
			if (config.action() == DeviceRiskAction.DENY || config.action() == DeviceRiskAction.REQUIRE_EMAIL_APPROVAL) {
				LOG.errorf(ex, "device-risk: check failed for user %s; refusing, the action %s fails closed",
						context.getUser().getId(), config.action().value());
				deny(context, directGrant);
				return;
			}
			LOG.warnf(ex, "device-risk: check failed for user %s; letting the login through",
					context.getUser().getId());
			context.success();
		}
	}

	private void check(AuthenticationFlowContext context, DeviceRiskConfig config, boolean directGrant) {
		PendingSignIn pending = observe(context, config, directGrant);
		RiskAssessment assessment = RiskAssessment.of(KnownDeviceStore.read(context.getUser()), pending.deviceId(),
				pending.ipPrefix(), recentFailures(context), Instant.ofEpochSecond(Time.currentTime()), config);
		pending = pending.withReasons(assessment.reasonCodes());
		context.getEvent()
			.detail(DETAIL_RISK_REASONS, assessment.reasonCodes())
			.detail(DETAIL_DEVICE_LABEL, pending.label());
		if (!assessment.actionRequired()) {
			pending.writeTo(context.getAuthenticationSession());
			context.success();
			return;
		}
		switch (config.action()) {
			case NOTIFY -> {
				pending.withAlert().writeTo(context.getAuthenticationSession());
				context.success();
			}
			case REQUIRE_OTP -> {
				pending.withAlert().writeTo(context.getAuthenticationSession());
				if (hasOtp(context)) {
					requireOtp(context, directGrant);
				}
				else {
					context.success();
				}
			}
			case REQUIRE_EMAIL_APPROVAL -> requireApproval(context, config, pending, directGrant);
			case DENY -> deny(context, directGrant);
		}
	}

	/**
	 * The "check your email" page was submitted: the login continues once the device has been approved,
	 * without sending another email.
	 */
	@Override
	public void action(AuthenticationFlowContext context) {
		if (context.getAuthenticationSession().getAuthNote(AWAITING_OTP_NOTE) != null) {
			new OTPFormAuthenticator().action(context);
			return;
		}
		String awaited = context.getAuthenticationSession().getAuthNote(AWAITING_APPROVAL_NOTE);
		if (awaited == null) {
			authenticate(context);
			return;
		}
		DeviceRiskConfig config = DeviceRiskConfig.of(context.getAuthenticatorConfig());
		boolean approved = KnownDeviceStore.read(context.getUser())
			.find(awaited)
			.filter((device) -> device.isTrustedAt(Instant.ofEpochSecond(Time.currentTime()), config.trustLifetimeDays()))
			.isPresent();
		if (approved) {
			context.getAuthenticationSession().removeAuthNote(AWAITING_APPROVAL_NOTE);
			context.success();
			return;
		}
		context.challenge(context.form().setError(NOT_APPROVED_YET_MESSAGE).createForm(CHECK_EMAIL_TEMPLATE));
	}

	private static boolean hasOtp(AuthenticationFlowContext context) {
		return context.getUser().credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
	}

	/**
	 * Hands over to Keycloak's OTP step: its form in the browser, where {@link #action} passes the answer
	 * on; in the direct grant, the request's {@code otp} parameter, which the BFF forwards once the user
	 * typed the code.
	 */
	private static void requireOtp(AuthenticationFlowContext context, boolean directGrant) {
		if (!directGrant) {
			context.getAuthenticationSession().setAuthNote(AWAITING_OTP_NOTE, "true");
			new OTPFormAuthenticator().authenticate(context);
			return;
		}
		HeadlessSteps.validateOtp(context);
	}

	/**
	 * Emails a single-use link approving exactly this device and refuses the login until it is used. A user
	 * without a verified email could never approve, so is refused outright.
	 */
	private static void requireApproval(AuthenticationFlowContext context, DeviceRiskConfig config,
			PendingSignIn pending, boolean directGrant) {
		KeycloakSession session = context.getSession();
		RealmModel realm = context.getRealm();
		UserModel user = context.getUser();
		if (user.getEmail() == null || !user.isEmailVerified()) {
			deny(context, directGrant);
			return;
		}
		int lifetimeMinutes = config.approvalLinkLifetimeMinutes();
		// One email per device while its link is valid: retries, or someone else holding the password,
		// must not flood the user's inbox.
		if (session.singleUseObjects()
			.putIfAbsent(APPROVAL_SENT_KEY + user.getId() + ":" + pending.deviceId(), lifetimeMinutes * 60L)) {
			sendApproval(context, lifetimeMinutes, pending);
		}
		context.getEvent().user(user).error(DEVICE_APPROVAL_REQUIRED);
		if (directGrant) {
			context.forceChallenge(HeadlessSteps.refusal(DEVICE_APPROVAL_REQUIRED));
			return;
		}
		pending.writeTo(context.getAuthenticationSession());
		context.getAuthenticationSession().setAuthNote(AWAITING_APPROVAL_NOTE, pending.deviceId());
		context.challenge(context.form().createForm(CHECK_EMAIL_TEMPLATE));
	}

	private static void sendApproval(AuthenticationFlowContext context, int lifetimeMinutes, PendingSignIn pending) {
		KeycloakSession session = context.getSession();
		RealmModel realm = context.getRealm();
		UserModel user = context.getUser();
		String clientId = context.getAuthenticationSession().getClient().getClientId();
		DeviceApprovalActionToken token = new DeviceApprovalActionToken(user.getId(), user.getEmail(), clientId,
				Time.currentTime() + lifetimeMinutes * 60, pending);
		String link = LoginActionsService.actionTokenProcessor(context.getUriInfo())
			.queryParam(Constants.KEY, token.serialize(session, realm, context.getUriInfo()))
			.queryParam(Constants.CLIENT_ID, clientId)
			.build(realm.getName())
			.toString();
		try {
			DeviceApprovalEmail.send(session, realm, user, link, lifetimeMinutes, pending);
		}
		catch (EmailException ex) {
			// Still refused: without the email the device cannot be approved, and letting it in would skip the check.
			LOG.errorf(ex, "device-risk: could not send the device approval email to user %s", user.getId());
		}
	}

	private PendingSignIn observe(AuthenticationFlowContext context, DeviceRiskConfig config, boolean directGrant) {
		KeycloakSession session = context.getSession();
		KeycloakContext request = session.getContext();
		HttpHeaders headers = request.getRequestHeaders();
		// Browser flows add the device cookie; the direct grant comes from the BFF, which has none to give.
		String deviceCookie = directGrant ? null : DeviceCookie.readOrIssue(session, context.getRealm());
		DeviceSignals signals = new DeviceSignals(headers.getHeaderString(HttpHeaders.USER_AGENT),
				headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE), headers.getHeaderString("Sec-CH-UA"),
				headers.getHeaderString("Sec-CH-UA-Platform"), deviceCookie);
		// The connection's address is the client's as Keycloak resolved it: X-Forwarded-For counts only
		// when it comes from a trusted proxy (--proxy-trusted-addresses), so the header is never read here.
		String ipPrefix = IpPrefix
			.of(request.getConnection().getRemoteAddr(), config.ipv4PrefixLength(), config.ipv6PrefixLength())
			.orElse("unknown");
		String label = DeviceLabel.of(session.getProvider(DeviceRepresentationProvider.class).deviceRepresentation());
		return new PendingSignIn(this.fingerprinter.fingerprint(signals), label, ipPrefix, "", config.devicesKept(),
				false);
	}

	private static int recentFailures(AuthenticationFlowContext context) {
		RealmModel realm = context.getRealm();
		if (!realm.isBruteForceProtected()) {
			return 0;
		}
		UserLoginFailureModel failures = context.getSession()
			.loginFailures()
			.getUserLoginFailure(realm, context.getUser().getId());
		return (failures != null) ? failures.getNumFailures() : 0;
	}

	private static void deny(AuthenticationFlowContext context, boolean directGrant) {
		UserModel user = context.getUser();
		context.getEvent().user(user).error(DEVICE_DENIED);
		Response response;
		if (directGrant) {
			response = HeadlessSteps.refusal(DEVICE_DENIED);
		}
		else {
			response = context.form().setError(Messages.ACCESS_DENIED).createErrorPage(Response.Status.FORBIDDEN);
		}
		// Answered as a challenge, not a flow failure: Keycloak would count a failure against the user's
		// brute-force budget, and the password was right; locking the owner out is not this check's job.
		context.forceChallenge(response);
	}

	/** It needs the user, but checks for it itself: see {@link #authenticate}. */
	@Override
	public boolean requiresUser() {
		return false;
	}

	@Override
	public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
		return true;
	}

	@Override
	public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
		// Nothing for the user to set up: devices are learned from successful logins.
	}

	@Override
	public void close() {
		// Holds nothing per request.
	}

}
