package io.authstack.keycloak.amqp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.authstack.contract.AmqpNames;
import io.authstack.contract.EmailMessage;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Hands the emails Keycloak rendered (verification, password reset, our new-device alert, any theme
 * email) to RabbitMQ for the notification worker, instead of talking SMTP itself. A message the broker
 * did not confirm throws {@link EmailException}: the user sees Keycloak's usual "failed to send email"
 * and can try again; nothing is half-sent.
 */
final class AmqpEmailSenderProvider implements EmailSenderProvider {

	private final KeycloakSession session;

	private final ConfirmedPublisher publisher;

	AmqpEmailSenderProvider(KeycloakSession session, ConfirmedPublisher publisher) {
		this.session = session;
		this.publisher = publisher;
	}

	@Override
	public void send(Map<String, String> config, String address, String subject, String textBody, String htmlBody)
			throws EmailException {
		RealmModel realm = this.session.getContext().getRealm();
		Instant now = Instant.now();
		EmailMessage email = EmailMessage.rendered(UUID.randomUUID().toString(), EmailMessage.KEYCLOAK_KIND,
				realm.getName(), address, null, subject, textBody, htmlBody, now, now.plus(linkLifetime(realm)));
		try {
			this.publisher.publish(List.of(new OutgoingMessage(AmqpNames.emailRoutingKey(email.kind()), email.id(),
					ContractJson.write(email))), true);
		}
		catch (AmqpPublishException ex) {
			throw new EmailException("Email not sent: " + ex.getMessage(), ex);
		}
	}

	/** The broker stands in for the SMTP server, so checking the settings means reaching the broker. */
	@Override
	public void validate(Map<String, String> config) throws EmailException {
		try {
			this.publisher.checkConnection();
		}
		catch (AmqpPublishException ex) {
			throw new EmailException(ex.getMessage(), ex);
		}
	}

	/**
	 * How long the email is worth sending: as long as the longest action-token link Keycloak may have put
	 * into it. Past that the worker parks it rather than send a dead link.
	 */
	private static Duration linkLifetime(RealmModel realm) {
		return Duration.ofSeconds(Math.max(realm.getActionTokenGeneratedByUserLifespan(),
				realm.getActionTokenGeneratedByAdminLifespan()));
	}

	@Override
	public void close() {
	}

}
