package io.authstack.bff.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many login attempts and accounts-API calls are allowed, per client address and per username or email.
 *
 * @param perAddress attempts from one client address (both login calls count)
 * @param perUsername wrong passwords for one username from one network (IPv4 /24, IPv6 /64); logins and refusals
 * that needed the right password spend none
 * @param accountPerAddress accounts-API calls from one client address (all five count)
 * @param accountPerEmail accounts-API calls naming one email address (register, resend, reset), from anywhere
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V2.4.1, V6.3.1 anti-automation</a>
 */
@Validated
@ConfigurationProperties("authstack.bff.rate-limit")
public record RateLimitProperties(@Valid Limit perAddress, @Valid Limit perUsername, @Valid Limit accountPerAddress,
		@Valid Limit accountPerEmail) {

	public RateLimitProperties {
		perAddress = (perAddress != null) ? perAddress : new Limit(30, Duration.ofMinutes(1));
		perUsername = (perUsername != null) ? perUsername : new Limit(10, Duration.ofMinutes(1));
		accountPerAddress = (accountPerAddress != null) ? accountPerAddress : new Limit(20, Duration.ofMinutes(1));
		accountPerEmail = (accountPerEmail != null) ? accountPerEmail : new Limit(5, Duration.ofMinutes(15));
	}

	/**
	 * A token bucket: {@code capacity} attempts, refilled evenly over {@code period}.
	 *
	 * @param capacity attempts allowed in a burst
	 * @param period the time in which a spent bucket fills up again
	 */
	public record Limit(@Min(1) int capacity, @NotNull Duration period) {
	}

}
