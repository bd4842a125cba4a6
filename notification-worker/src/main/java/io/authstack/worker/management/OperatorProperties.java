package io.authstack.worker.management;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's account for the actuator's operator endpoints ({@code authstack.worker.operator.*}), such as
 * {@code /actuator/parkedemails}, over HTTP Basic.
 *
 * @param username the operator's user name
 * @param password the operator's password: no default (the {@code dev} profile sets a {@code dev-only} one,
 * which the {@code prod} profile refuses)
 */
@Validated
@ConfigurationProperties("authstack.worker.operator")
public record OperatorProperties(@DefaultValue("operator") @NotBlank String username, @NotBlank String password) {

	@Override
	public String toString() {
		// A record would print the password wherever the properties are logged.
		return "OperatorProperties[username=" + this.username + ", password=(hidden)]";
	}

}
