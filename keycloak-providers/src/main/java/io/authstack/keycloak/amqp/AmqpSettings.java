package io.authstack.keycloak.amqp;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.ConnectionFactory;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Where and how a provider reaches RabbitMQ: server-wide {@code --spi-<spi>--amqp--<key>} options, read
 * once in the factory's {@code init}.
 */
record AmqpSettings(String host, int port, String virtualHost, String username, String password, boolean tls,
		Duration confirmTimeout) {

	static final String HOST = "host";

	static final String PORT = "port";

	static final String VIRTUAL_HOST = "virtual-host";

	static final String USERNAME = "username";

	static final String PASSWORD = "password";

	static final String TLS = "tls";

	static final String CONFIRM_TIMEOUT_MILLIS = "confirm-timeout-millis";

	/** The options each AMQP provider declares, for {@code kc.sh show-config} and the admin console. */
	static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
		.property()
		.name(HOST)
		.type(ProviderConfigProperty.STRING_TYPE)
		.label("RabbitMQ host")
		.helpText("Host name of the RabbitMQ broker.")
		.defaultValue("localhost")
		.add()
		.property()
		.name(PORT)
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.label("RabbitMQ port")
		.helpText("AMQP port of the broker: 5672, or 5671 with TLS.")
		.defaultValue(5672)
		.add()
		.property()
		.name(VIRTUAL_HOST)
		.type(ProviderConfigProperty.STRING_TYPE)
		.label("Virtual host")
		.helpText("RabbitMQ virtual host the authstack exchanges live in.")
		.defaultValue("/")
		.add()
		.property()
		.name(USERNAME)
		.type(ProviderConfigProperty.STRING_TYPE)
		.label("Username")
		.helpText("Broker user allowed to publish to the authstack exchanges.")
		.defaultValue("guest")
		.add()
		.property()
		.name(PASSWORD)
		.type(ProviderConfigProperty.PASSWORD)
		.label("Password")
		.helpText("That user's password; pass it through an environment variable or a vault, never a file.")
		.secret(true)
		.defaultValue("guest")
		.add()
		.property()
		.name(TLS)
		.type(ProviderConfigProperty.BOOLEAN_TYPE)
		.label("TLS")
		.helpText("Connect with TLS, verifying the broker against the JVM's trust store.")
		.defaultValue(false)
		.add()
		.property()
		.name(CONFIRM_TIMEOUT_MILLIS)
		.type(ProviderConfigProperty.INTEGER_TYPE)
		.label("Confirm timeout (ms)")
		.helpText("How long a publish waits for the broker's confirm before it counts as not sent.")
		.defaultValue(5000)
		.add()
		.build();

	static AmqpSettings from(Config.Scope config) {
		return new AmqpSettings(config.get(HOST, "localhost"), config.getInt(PORT, 5672),
				config.get(VIRTUAL_HOST, "/"), config.get(USERNAME, "guest"), config.get(PASSWORD, "guest"),
				config.getBoolean(TLS, false), Duration.ofMillis(config.getInt(CONFIRM_TIMEOUT_MILLIS, 5000)));
	}

	/** A connection factory that recovers connections by itself after a broker outage. */
	ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.host);
		factory.setPort(this.port);
		factory.setVirtualHost(this.virtualHost);
		factory.setUsername(this.username);
		factory.setPassword(this.password);
		factory.setAutomaticRecoveryEnabled(true);
		// Each publish declares its exchange on a fresh channel: nothing to recover but the connection.
		factory.setTopologyRecoveryEnabled(false);
		factory.setNetworkRecoveryInterval(Duration.ofSeconds(2).toMillis());
		factory.setConnectionTimeout((int) this.confirmTimeout.toMillis());
		if (this.tls) {
			try {
				factory.useSslProtocol(SSLContext.getDefault());
				factory.enableHostnameVerification();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("No default TLS context for the AMQP connection", ex);
			}
		}
		return factory;
	}

	@Override
	public String toString() {
		// Never the password: this record may end up in a log line.
		return "amqp://" + this.username + "@" + this.host + ":" + this.port + this.virtualHost + (this.tls ? " (TLS)" : "");
	}

}
