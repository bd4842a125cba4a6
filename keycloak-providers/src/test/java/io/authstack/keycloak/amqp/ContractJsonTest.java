package io.authstack.keycloak.amqp;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.authstack.contract.EmailMessage;
import io.authstack.contract.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Keycloak publishes is byte-for-byte the format of the contract's golden samples, which the
 * worker's tests read too: a sample read into the record and written by {@link ContractJson} comes back
 * as the same JSON.
 */
class ContractJsonTest {

	private static final ObjectMapper READER = new ObjectMapper().registerModule(new JavaTimeModule());

	/** Keycloak publishes only emails it rendered itself. */
	@Test
	void renderedEmailsAreWrittenAsTheGoldenSample() throws IOException {
		JsonNode golden = READER.readTree(sample("email-rendered.json"));

		EmailMessage email = READER.treeToValue(golden, EmailMessage.class);

		assertThat(READER.readTree(ContractJson.write(email))).isEqualTo(golden);
	}

	@ParameterizedTest
	@ValueSource(strings = { "event-login-error.json", "event-admin-update.json" })
	void securityEventsAreWrittenAsTheGoldenSamples(String sample) throws IOException {
		JsonNode golden = READER.readTree(sample(sample));

		SecurityEvent event = READER.treeToValue(golden, SecurityEvent.class);

		assertThat(READER.readTree(ContractJson.write(event))).isEqualTo(golden);
	}

	private static InputStream sample(String name) {
		InputStream in = ContractJsonTest.class.getResourceAsStream("/io/authstack/contract/samples/" + name);
		assertThat(in).as("golden sample " + name).isNotNull();
		return in;
	}

}
