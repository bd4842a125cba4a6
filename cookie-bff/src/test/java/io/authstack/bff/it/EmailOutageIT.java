package io.authstack.bff.it;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An email job RabbitMQ did not confirm was not sent: the caller is told so, and nothing is left half done. */
class EmailOutageIT extends AccountsIntegrationTest {

	@AfterEach
	void rabbitMqIsBack() {
		RABBITMQ_LINK.restore();
	}

	@Test
	void registerWhileRabbitMqIsUnreachableIs503AndLeavesNoAccountBehind() {
		String email = freshEmail();
		String address = freshAddress();
		RABBITMQ_LINK.cut();

		Browser.Response registered = register(email, PASSWORD, address);

		assertThat(registered.status()).isEqualTo(503);
		assertThat(registered.code()).isEqualTo("upstream_unavailable");
		assertThat(registered.header("Retry-After")).isPresent();
		assertThat(usersWithEmail(email)).isZero();

		RABBITMQ_LINK.restore();

		assertThat(register(email, PASSWORD, address).status()).isEqualTo(202);
		assertThat(nextEmailTo(email).path("template").asString()).isEqualTo("verify-email");
		assertThat(usersWithEmail(email)).isEqualTo(1);
	}

	@Test
	void resetAndResendWhileRabbitMqIsUnreachableAre503WhetherOrNotTheAddressHasAnAccount() {
		String unverified = freshEmail();
		String address = freshAddress();
		assertThat(register(unverified, PASSWORD, address).status()).isEqualTo(202);
		nextEmailTo(unverified);
		String nobody = freshEmail();
		RABBITMQ_LINK.cut();

		for (String email : List.of(unverified, nobody)) {
			for (String call : List.of("/api/accounts/reset-password", "/api/accounts/resend-verification")) {
				Browser.Response answer = post(call, Map.of("email", email), address);

				assertThat(answer.status()).as(call + " for " + email).isEqualTo(503);
				assertThat(answer.code()).isEqualTo("upstream_unavailable");
			}
		}
	}

}
