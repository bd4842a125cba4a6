package io.authstack.bff.account;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.authstack.bff.keycloak.KeycloakProperties;
import io.authstack.bff.outbox.EmailOutbox;
import io.authstack.contract.EmailMessage;
import io.authstack.contract.EmailTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The BFF's email jobs for the worker: template jobs of the realm, each with a fresh id (the worker sends one email
 * per id) and an expiry, handed to the {@link EmailOutbox}. Whatever RabbitMQ is doing, handing a job over takes
 * the same short time and answers the same, so an outage or an alarm tells nobody which addresses have accounts.
 */
@Component
final class EmailJobs {

	private final EmailOutbox outbox;

	private final String realm;

	EmailJobs(EmailOutbox outbox, KeycloakProperties keycloak) {
		Assert.notNull(outbox, "outbox cannot be null");
		Assert.notNull(keycloak, "keycloak cannot be null");
		this.outbox = outbox;
		this.realm = keycloak.realm();
	}

	/**
	 * @param expiresAt when the email stops being worth sending (the relay drops it, the worker parks it after)
	 * @throws org.springframework.dao.DataAccessException when Redis did not take the job
	 */
	void send(EmailTemplate template, String recipient, Map<String, Object> model, Instant expiresAt) {
		this.outbox.put(EmailMessage.templated(UUID.randomUUID().toString(), template, this.realm, recipient, null,
				model, Instant.now(), expiresAt));
	}

}
