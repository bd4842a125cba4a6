package io.authstack.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenSamplesTest {

	/** As both sides configure it: unknown fields from a later version are ignored. */
	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	@Test
	void renderedSampleReadsAsARenderedMessage() {
		EmailMessage message = read(GoldenSamples.EMAIL_RENDERED, EmailMessage.class);

		assertThat(message.isTemplated()).isFalse();
		assertThat(message.kind()).isEqualTo(EmailMessage.KEYCLOAK_KIND);
		assertThat(message.subject()).isEqualTo("Reset password");
		assertThat(message.html()).contains("<a href=");
		assertThat(message.model()).isEmpty();
		assertThat(message.routingKey()).isEqualTo("email.keycloak");
	}

	@Test
	void templateSampleReadsWithItsModelAndLocale() {
		EmailMessage message = read(GoldenSamples.EMAIL_VERIFY_EMAIL, EmailMessage.class);

		assertThat(message.isTemplated()).isTrue();
		assertThat(EmailTemplate.named(message.template())).contains(EmailTemplate.VERIFY_EMAIL);
		assertThat(message.locale()).isEqualTo("de");
		assertThat(message.model()).containsEntry("expiresInMinutes", 60)
			.containsKeys(EmailTemplate.VERIFY_EMAIL.requiredModel().toArray(String[]::new));
		assertThat(message.createdAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
	}

	@Test
	void sampleFromALaterVersionReadsIgnoringUnknownFields() {
		EmailMessage message = read(GoldenSamples.EMAIL_NEW_DEVICE, EmailMessage.class);

		assertThat(message.model()).containsEntry("device", "Firefox on Linux");
	}

	@Test
	void expiredSampleIsExpiredNow() {
		EmailMessage message = read(GoldenSamples.EMAIL_EXPIRED, EmailMessage.class);

		assertThat(message.isExpiredAt(Instant.now())).isTrue();
		assertThat(read(GoldenSamples.EMAIL_RESET_PASSWORD, EmailMessage.class).isExpiredAt(Instant.now())).isFalse();
	}

	@Test
	void messageBothRenderedAndTemplatedIsRejected() {
		assertThatThrownBy(() -> read(GoldenSamples.EMAIL_INVALID_BOTH_BODIES, EmailMessage.class))
			.hasRootCauseInstanceOf(IllegalArgumentException.class)
			.rootCause()
			.hasMessageContaining("not both");
	}

	@Test
	void messageWrittenByThisClassReadsBackEqual() {
		EmailMessage message = EmailMessage.templated("id-1", EmailTemplate.RESET_PASSWORD, "authstack",
				"a@example.com", "en", Map.of("link", "https://app.example.com/r?t=1", "expiresInMinutes", 30),
				Instant.parse("2026-01-15T10:00:00Z"), Instant.parse("2026-01-15T10:30:00Z"));

		String written = this.json.writeValueAsString(message);

		assertThat(written).contains("\"createdAt\":\"2026-01-15T10:00:00Z\"");
		assertThat(this.json.readValue(written, EmailMessage.class)).isEqualTo(message);
	}

	@Test
	void eventSamplesReadWithTheirRoutingKeys() {
		SecurityEvent loginError = read(GoldenSamples.EVENT_LOGIN_ERROR, SecurityEvent.class);
		SecurityEvent adminUpdate = read(GoldenSamples.EVENT_ADMIN_UPDATE, SecurityEvent.class);

		assertThat(loginError.routingKey()).isEqualTo("authstack.LOGIN_ERROR");
		assertThat(loginError.details()).containsEntry("username", "alice");
		assertThat(adminUpdate.admin()).isTrue();
		assertThat(adminUpdate.routingKey()).isEqualTo("authstack.ADMIN_UPDATE");
	}

	@Test
	void retryQueueNamesCarryTheirDelay() {
		assertThat(AmqpNames.retryQueue(AmqpNames.EMAIL_QUEUE, Duration.ofSeconds(10)))
			.isEqualTo("authstack.email.retry.10s");
		assertThat(AmqpNames.retryQueue("q", Duration.ofMillis(1500))).isEqualTo("q.retry.1500ms");
	}

	private <T> T read(String sample, Class<T> type) {
		return this.json.readValue(GoldenSamples.read(sample), type);
	}

}
