package io.authstack.bff.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ out of reach changes no answer of the accounts API: the email jobs wait in the outbox and go out once
 * RabbitMQ is back, and no answer tells whether an address has an account.
 */
class EmailOutageIT extends AccountsIntegrationTest {

	private static final List<String> MAYBE_CALLS = List.of("/api/accounts/reset-password",
			"/api/accounts/resend-verification");

	@AfterEach
	void rabbitMqIsBack() {
		RABBITMQ_LINK.restore();
	}

	@Test
	void registerWhileRabbitMqIsUnreachableIsAcceptedAndTheVerificationEmailGoesOutWhenItIsBack() {
		String email = freshEmail();
		String address = freshAddress();
		RABBITMQ_LINK.cut();

		Browser.Response registered = register(email, PASSWORD, address);

		assertThat(registered.status()).isEqualTo(202);
		assertThat(usersWithEmail(email)).isEqualTo(1);

		RABBITMQ_LINK.restore();

		JsonNode job = nextEmailTo(email);
		assertThat(job.path("template").asString()).isEqualTo("verify-email");
		assertThat(post("/api/accounts/verify-email", Map.of("token", token(job)), address).status()).isEqualTo(204);
	}

	@Test
	void resetAndResendWhileRabbitMqIsUnreachableAnswerAlikeAndTheEmailsGoOutWhenItIsBack() {
		String unverified = freshEmail();
		String address = freshAddress();
		assertThat(register(unverified, PASSWORD, address).status()).isEqualTo(202);
		nextEmailTo(unverified);
		String nobody = freshEmail();
		RABBITMQ_LINK.cut();

		List<Browser.Response> answers = new ArrayList<>();
		for (String email : List.of(nobody, unverified)) {
			for (String call : MAYBE_CALLS) {
				answers.add(post(call, Map.of("email", email), address));
			}
		}

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(202);
			assertThat(answer.body()).isEqualTo(answers.get(0).body());
		});

		RABBITMQ_LINK.restore();

		// The outbox keeps the order the jobs came in: one for the address without an account would come first.
		JsonNode first = nextEmailToEither(nobody, unverified);
		JsonNode second = nextEmailTo(unverified);
		assertThat(first.path("recipient").asString()).isEqualTo(unverified);
		assertThat(List.of(first.path("template").asString(), second.path("template").asString()))
			.containsExactly("reset-password", "verify-email");
	}

}
