package io.authstack.bff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cookie backend-for-frontend: the SPA's only server, holding Keycloak's tokens in sealed cookies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BffApplication {

	public static void main(String[] args) {
		SpringApplication.run(BffApplication.class, args);
	}

}
