package io.authstack.bff.management;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's account for the actuator's endpoints beyond health and info ({@code authstack.bff.operator.*}),
 * such as {@code /actuator/prometheus}, over HTTP Basic: the same settings as the worker's
 * {@code authstack.worker.operator.*}.
 *
 * @param username the operator's user name
 * @param password the operator's password: no default (the {@code dev} profile sets a {@code dev-only} one, which the
 * {@code prod} profile refuses)
 */
@Validated
@ConfigurationProperties("authstack.bff.operator")
public record OperatorProperties(@DefaultValue("operator") @NotBlank String username, @NotBlank String password) {

	@Override
	public String toString() {
		// A record would print the password wherever the properties are logged.
		return "OperatorProperties[username=" + this.username + ", password=(hidden)]";
	}

}
