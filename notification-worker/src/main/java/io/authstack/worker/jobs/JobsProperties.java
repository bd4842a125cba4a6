package io.authstack.worker.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's periodic jobs ({@code authstack.worker.jobs.*}). Each runs under a ShedLock lock in
 * Redis, so that however many workers run, one of them runs it per schedule.
 *
 * @param lockNamespace the ShedLock "environment": lock keys are {@code job-lock:<namespace>:<job>};
 * workers that must not run a job twice share it
 * @param queueDepthCron when to read the email queues' depths (Spring cron, seconds first)
 * @param queueDepthLockAtLeastFor how long the queue-depth lock stays taken even if the job is faster:
 * longer than the clock skew between workers, shorter than the schedule's period
 * @param lockAtMostFor when a lock is released even if its holder never finished (it died)
 * @param redriveBatch how many parked messages one re-drive moves at most, when the caller names no number
 * @see <a href="https://github.com/lukas-krecan/ShedLock">ShedLock</a>
 */
@Validated
@ConfigurationProperties("authstack.worker.jobs")
public record JobsProperties(@DefaultValue("authstack-worker") @NotBlank String lockNamespace,
		@DefaultValue("*/30 * * * * *") @NotBlank String queueDepthCron,
		@DefaultValue("5s") @NotNull Duration queueDepthLockAtLeastFor,
		@DefaultValue("5m") @NotNull Duration lockAtMostFor, @DefaultValue("1000") @Min(1) int redriveBatch) {
}
