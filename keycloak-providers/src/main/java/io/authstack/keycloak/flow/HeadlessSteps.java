package io.authstack.keycloak.flow;

import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.directgrant.ValidateOTP;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * What the steps of a flow with no login page do alike, in the direct grant ({@code token}) and at the
 * authorization challenge endpoint: they read their answers from the request's form and refuse with an
 * {@code invalid_grant} whose description names what is missing, which the endpoint (or the BFF) turns into
 * the next round.
 */
public final class HeadlessSteps {

	/** The flow path of the authorization challenge endpoint. */
	public static final String AUTHORIZATION_CHALLENGE_FLOW_PATH = "authorization-challenge";

	/** Refusal description: send the OTP code as {@value #OTP_PARAMETER}. */
	public static final String OTP_REQUIRED = "otp_required";

	/** The form parameter carrying the OTP code. */
	public static final String OTP_PARAMETER = "otp";

	private static final Set<String> HEADLESS_FLOW_PATHS = Set.of("token", AUTHORIZATION_CHALLENGE_FLOW_PATH);

	private HeadlessSteps() {
	}

	/** Whether the flow runs without a login page: its steps answer in JSON, not with forms. */
	public static boolean isHeadless(AuthenticationFlowContext context) {
		return HEADLESS_FLOW_PATHS.contains(context.getFlowPath());
	}

	/**
	 * Checks the request's OTP code with Keycloak's own {@link ValidateOTP}, so a wrong code counts against the
	 * user's brute-force budget; a request without one is asked for it ({@value #OTP_REQUIRED}), which is no
	 * failure: the client could not know before.
	 */
	public static void validateOtp(AuthenticationFlowContext context) {
		if (context.getHttpRequest().getDecodedFormParameters().getFirst(OTP_PARAMETER) == null) {
			context.getEvent().user(context.getUser()).error(OTP_REQUIRED);
			context.forceChallenge(refusal(OTP_REQUIRED));
			return;
		}
		new ValidateOTP().authenticate(context);
	}

	/** The token endpoint's refusal, with a description naming what the client must do next. */
	public static Response refusal(String description) {
		return Response.status(Response.Status.BAD_REQUEST)
			.entity(new OAuth2ErrorRepresentation(OAuthErrorException.INVALID_GRANT, description))
			.type(MediaType.APPLICATION_JSON_TYPE)
			.build();
	}

}
