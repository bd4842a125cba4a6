package io.authstack.keycloak.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.authstack.contract.AmqpNames;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The {@code amqp} event listener: admins turn it on per realm under Realm settings, Events, Event
 * listeners. The broker is configured server-wide with {@code --spi-events-listener--amqp--host=...} and
 * the other {@link AmqpSettings} options, plus {@code buffer-capacity}.
 */
public final class AmqpEventListenerProviderFactory implements EventListenerProviderFactory {

	public static final String PROVIDER_ID = "amqp";

	static final String BUFFER_CAPACITY = "buffer-capacity";

	private static final int DEFAULT_BUFFER_CAPACITY = 10_000;

	private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(500);

	private ConfirmedPublisher publisher;

	private EventBuffer buffer;

	@Override
	public void init(Config.Scope config) {
		this.publisher = new ConfirmedPublisher(AmqpSettings.from(config), "keycloak event listener",
				AmqpNames.EVENTS_EXCHANGE);
		// Events with no queue bound are nobody's loss: publish without mandatory.
		this.buffer = new EventBuffer(config.getInt(BUFFER_CAPACITY, DEFAULT_BUFFER_CAPACITY),
				(batch) -> this.publisher.publish(batch, false), FIRST_RETRY_PAUSE);
	}

	@Override
	public EventListenerProvider create(KeycloakSession session) {
		return new AmqpEventListenerProvider(session, this.buffer);
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
	}

	@Override
	public List<ProviderConfigProperty> getConfigMetadata() {
		List<ProviderConfigProperty> properties = new ArrayList<>(AmqpSettings.CONFIG_PROPERTIES);
		properties.addAll(ProviderConfigurationBuilder.create()
			.property()
			.name(BUFFER_CAPACITY)
			.type(ProviderConfigProperty.INTEGER_TYPE)
			.label("Buffer capacity")
			.helpText("Events held in memory while RabbitMQ is unreachable; newer ones are dropped (and counted "
					+ "in the log) once it is full.")
			.defaultValue(DEFAULT_BUFFER_CAPACITY)
			.add()
			.build());
		return properties;
	}

	@Override
	public void close() {
		this.buffer.close();
		this.publisher.close();
	}

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

}
