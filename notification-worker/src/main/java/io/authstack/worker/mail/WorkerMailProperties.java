package io.authstack.worker.mail;

import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker sends email ({@code authstack.worker.mail.*}); the SMTP server itself is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from the sender, such as {@code authstack <no-reply@example.com>}; no default
 * @param productName the name the templates sign with
 * @param defaultLocale the language of a template message that names none, or one we have no text for
 * @param claimLease how long a worker holds an email's id while it talks to SMTP; longer than the SMTP
 * timeouts, so that a live worker never loses its claim, short enough that a crashed worker's email is
 * retried soon
 * @param sentRetention how long an id stays marked as sent; longer than any message lives in the queues
 * @param concurrency consumers of the email queue in this worker
 * @param prefetch unacknowledged messages each consumer may hold
 */
@Validated
@ConfigurationProperties("authstack.worker.mail")
public record WorkerMailProperties(@NotBlank String from, @DefaultValue("authstack") @NotBlank String productName,
		@DefaultValue("en") @NotNull Locale defaultLocale, @DefaultValue("2m") @NotNull Duration claimLease,
		@DefaultValue("7d") @NotNull Duration sentRetention, @DefaultValue("4") @Min(1) int concurrency,
		@DefaultValue("10") @Min(1) int prefetch) {
}
