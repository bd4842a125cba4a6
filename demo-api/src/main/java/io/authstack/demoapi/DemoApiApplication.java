package io.authstack.demoapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The demo API: a resource server the BFF relays to, which accepts only Keycloak access tokens issued for it
 * ({@code aud} {@code demo-api}, obtained by token exchange) and answers what a relay's tests need to see.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApiApplication.class, args);
	}

}
