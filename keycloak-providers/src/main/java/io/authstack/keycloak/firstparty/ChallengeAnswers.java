package io.authstack.keycloak.firstparty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.authstack.keycloak.flow.HeadlessSteps;
import io.authstack.keycloak.risk.DeviceRiskAuthenticator;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The authorization challenge endpoint's answers, in the draft's shapes: {@code 200} with the
 * {@code authorization_code}, or {@code 400} with an {@code error}. A round that needs more answers
 * {@code insufficient_authorization} with the {@code auth_session} to continue under and, in
 * {@value #NEXT_STEP}, what the next request must bring; the draft leaves that to the server.
 */
final class ChallengeAnswers {

	/** The member that says what the next round needs: one of {@link Step}'s values. */
	static final String NEXT_STEP = "next_step";

	private ChallengeAnswers() {
	}

	static Response code(String code) {
		return json(Response.Status.OK, Map.of("authorization_code", code));
	}

	static Response insufficient(Step step, String authSession) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "insufficient_authorization");
		body.put("error_description", step.description);
		body.put("auth_session", authSession);
		body.put(NEXT_STEP, step.value);
		return json(Response.Status.BAD_REQUEST, body);
	}

	/** A step only Keycloak's own pages can do: the client sends the user through the redirect flow. */
	static Response redirectToWeb() {
		return json(Response.Status.BAD_REQUEST, Map.of("error", "redirect_to_web", "error_description",
				"This sign-in needs the browser", NEXT_STEP, "redirect_to_web"));
	}

	static Response error(String error, String description) {
		return json(Response.Status.BAD_REQUEST, Map.of("error", error, "error_description", description));
	}

	private static Response json(Response.Status status, Map<String, ?> body) {
		CacheControl noStore = new CacheControl();
		noStore.setNoStore(true);
		return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).entity(body).build();
	}

	/** What a round may ask the next one for. */
	enum Step {

		/** The user's OTP code, as the form parameter {@code otp}. */
		OTP("otp", HeadlessSteps.OTP_REQUIRED, "Send the user's one-time code as otp"),
		/** Nothing: the user was emailed a link approving this device; ask again once they followed it. */
		DEVICE_APPROVAL("device_approval", DeviceRiskAuthenticator.DEVICE_APPROVAL_REQUIRED,
				"The user was emailed a link to approve this device; send auth_session again once they have");

		final String value;

		private final String refusal;

		final String description;

		Step(String value, String refusal, String description) {
			this.value = value;
			this.refusal = refusal;
			this.description = description;
		}

		/** The step a headless flow's refusal asks for, if it asks for one. */
		static Optional<Step> askedBy(String refusal) {
			return Arrays.stream(values()).filter((step) -> step.refusal.equals(refusal)).findFirst();
		}

	}

}
