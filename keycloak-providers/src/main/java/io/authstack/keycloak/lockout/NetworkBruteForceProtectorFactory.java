package io.authstack.keycloak.lockout;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.BruteForceProtectorFactory;
import org.keycloak.services.managers.DefaultBruteForceProtectorFactory;

/**
 * Registers the {@value #PROVIDER_ID} brute-force protector; the policy is in {@link io.authstack.keycloak.lockout}.
 * Keycloak uses it once built with {@code --spi-brute-force-protector--provider=}{@value #PROVIDER_ID}, which
 * loads no other protector. It counts user-wide failures through Keycloak's own protector, made here from
 * Keycloak's factory {@value #KEYCLOAK_PROTECTOR} with that provider's options
 * ({@code --spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests}). Network sizes: {@code --spi-brute-force-protector--authstack-network--ipv4-prefix-length}
 * and {@code ...--ipv6-prefix-length}.
 * <p>
 * The brute-force SPI is one of Keycloak's internal ones (Keycloak logs that at start): its interface has stayed
 * the same through the 26 releases, and {@code NetworkLockoutIT} runs it against the Keycloak we ship.
 */
public final class NetworkBruteForceProtectorFactory implements BruteForceProtectorFactory {

	public static final String PROVIDER_ID = "authstack-network";

	/** Keycloak's own protector, which keeps the user-wide count. */
	static final String KEYCLOAK_PROTECTOR = "default-brute-force-detector";

	public static final String IPV4_PREFIX_LENGTH = "ipv4-prefix-length";

	public static final String IPV6_PREFIX_LENGTH = "ipv6-prefix-length";

	private final DefaultBruteForceProtectorFactory keycloakProtector = new DefaultBruteForceProtectorFactory();

	private NetworkPrefixes networks;

	private KeycloakSessionFactory sessions;

	@Override
	public void init(Config.Scope config) {
		int ipv4 = config.getInt(IPV4_PREFIX_LENGTH, 24);
		int ipv6 = config.getInt(IPV6_PREFIX_LENGTH, 64);
		if (ipv4 < 8 || ipv4 > 32 || ipv6 < 16 || ipv6 > 128) {
			throw new IllegalStateException("--spi-brute-force-protector--" + PROVIDER_ID + "--" + IPV4_PREFIX_LENGTH
					+ " must be 8-32 and --" + IPV6_PREFIX_LENGTH + " 16-128");
		}
		this.networks = new NetworkPrefixes(ipv4, ipv6);
		this.keycloakProtector.init(Config.scope("bruteForceProtector", KEYCLOAK_PROTECTOR));
	}

	@Override
	public void postInit(KeycloakSessionFactory factory) {
		this.sessions = factory;
		this.keycloakProtector.postInit(factory);
	}

	@Override
	public BruteForceProtector create(KeycloakSession session) {
		return new NetworkBruteForceProtector(this.keycloakProtector.create(session), this.networks, this.sessions);
	}

	@Override
	public String getId() {
		return PROVIDER_ID;
	}

	@Override
	public List<ProviderConfigProperty> getConfigMetadata() {
		return ProviderConfigurationBuilder.create()
			.property()
			.name(IPV4_PREFIX_LENGTH)
			.label("IPv4 network size")
			.helpText("Leading bits of an IPv4 client address that name the network whose failed logins are counted "
					+ "together for a user (24: one /24).")
			.type(ProviderConfigProperty.INTEGER_TYPE)
			.defaultValue(24)
			.add()
			.property()
			.name(IPV6_PREFIX_LENGTH)
			.label("IPv6 network size")
			.helpText("Leading bits of an IPv6 client address that name the network whose failed logins are counted "
					+ "together for a user (64: one subscriber's /64).")
			.type(ProviderConfigProperty.INTEGER_TYPE)
			.defaultValue(64)
			.add()
			.build();
	}

	@Override
	public void close() {
		this.keycloakProtector.close();
	}

}
