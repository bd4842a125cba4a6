package io.authstack.bff.config;

import io.authstack.bff.BffApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionSecretsCheckTest {

	@Test
	void prodProfileWithoutSecretsRefusesToStartNamingEachMissingOne() {
		SpringApplication application = new SpringApplication(BffApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		assertThatThrownBy(() -> application.run()).hasMessageContaining("AUTHSTACK_JWE_KEY")
			.hasMessageContaining("AUTHSTACK_BFF_CLIENT_SECRET")
			.hasMessageContaining("AUTHSTACK_KEYCLOAK_ISSUER")
			.hasMessageContaining("AUTHSTACK_PUBLIC_URL")
			.hasMessageContaining("AUTHSTACK_BFF_ADMIN_CLIENT_SECRET");
	}

}
