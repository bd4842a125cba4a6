package io.authstack.worker.topology;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker publishes into its own queues ({@code authstack.worker.publishing.*}).
 *
 * @param confirmTimeout how long to wait for the broker's confirm before treating a publish as failed
 */
@Validated
@ConfigurationProperties("authstack.worker.publishing")
public record PublishingProperties(@DefaultValue("5s") @NotNull Duration confirmTimeout) {
}
