package io.authstack.keycloak.amqp;

import java.util.List;

import io.authstack.contract.AmqpNames;
import org.keycloak.Config;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Keycloak's email sender that publishes to RabbitMQ. Select it server-wide with
 * {@code --spi-email-sender--provider=amqp}; configure the broker with
 * {@code --spi-email-sender--amqp--host=...} and the other {@link AmqpSettings} options.
 */
public final class AmqpEmailSenderProviderFactory implements EmailSenderProviderFactory {

	public static final String PROVIDER_ID = "amqp";

	private ConfirmedPublisher publisher;

	@Override
	public void init(Config.Scope config) {
		this.publisher = new ConfirmedPublisher(AmqpSettings.from(config), "keycloak email sender",
				AmqpNames.NOTIFICATIONS_EXCHANGE);
	}

	@Override
	public EmailSenderProvider create(KeycloakSession session) {
		return new AmqpEmailSenderProvider(session, this.publisher);
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
	}

	@Override
	public List<ProviderConfigProperty> getConfigMetadata() {
		return AmqpSettings.CONFIG_PROPERTIES;
	}

	@Override
	public void close() {
		this.publisher.close();
	}

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

}
