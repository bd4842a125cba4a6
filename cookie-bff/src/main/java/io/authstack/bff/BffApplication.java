package io.authstack.bff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cookie backend-for-frontend: the SPA's only server, holding Keycloak's tokens in sealed cookies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BffApplication {

	public static void main(String[] args) {
		keycloakConnectionDefaults();
		SpringApplication.run(BffApplication.class, args);
	}

	/**
	 * Defaults for the JDK's {@code HttpURLConnection}, which carries the calls to Keycloak
	 * ({@link io.authstack.bff.keycloak.KeycloakHttp}); both are read once, when the JDK's HTTP classes load, so they
	 * are set before anything runs. A {@code -D} on the command line wins.
	 * <ul>
	 * <li>{@code http.maxConnections}: idle connections kept per host. The JDK keeps 5, so with more requests in
	 * flight every call beyond the fifth opened a new connection to Keycloak and closed it after.</li>
	 * <li>{@code sun.net.http.retryPost}: the JDK resends a POST once when a kept-alive connection fails. A token
	 * request is not safe to send twice: a refresh token presented twice is a replay to Keycloak.</li>
	 * </ul>
	 */
	static void keycloakConnectionDefaults() {
		setIfAbsent("http.maxConnections", "64");
		setIfAbsent("sun.net.http.retryPost", "false");
	}

	private static void setIfAbsent(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

}
