package io.authstack.bff.config;

import io.authstack.bff.BffApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
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
			.hasMessageContaining("AUTHSTACK_BFF_ADMIN_CLIENT_SECRET")
			.hasMessageContaining("AUTHSTACK_BFF_OPERATOR_PASSWORD");
	}


	@Test
	void prodProfileWithADevelopmentValueRefusesToStartNamingThePropertyNeverTheValue() {
		SpringApplication application = new SpringApplication(BffApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		// As the environment variables of a deployment would set them; one secret copied from the dev profile.
		assertThatThrownBy(() -> application.run("--AUTHSTACK_JWE_KEY=2A8Xq0FmdH4rTnqz2y0a5LQnq6nP4kW1mDqz3vYc9bE",
				"--AUTHSTACK_BFF_CLIENT_SECRET=dev-only-bff-client-secret-change-me",
				"--AUTHSTACK_KEYCLOAK_ISSUER=https://auth.example.com/realms/authstack",
				"--AUTHSTACK_BFF_ADMIN_CLIENT_SECRET=a-secret-from-the-vault",
				"--AUTHSTACK_PUBLIC_URL=https://app.example.com",
				"--AUTHSTACK_BFF_OPERATOR_PASSWORD=an-operator-password-from-the-vault"))
			.hasMessageContaining("authstack.bff.keycloak.client-secret")
			.hasMessageContaining("AUTHSTACK_BFF_CLIENT_SECRET")
			.hasMessageNotContaining("change-me")
			.hasMessageNotContaining("admin-client-secret");
	}

	@Test
	void prodProfileWithTheDevelopmentOperatorPasswordRefusesToStartNamingIt() {
		SpringApplication application = new SpringApplication(BffApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		assertThatThrownBy(() -> application.run("--AUTHSTACK_JWE_KEY=2A8Xq0FmdH4rTnqz2y0a5LQnq6nP4kW1mDqz3vYc9bE",
				"--AUTHSTACK_BFF_CLIENT_SECRET=a-client-secret-from-the-vault",
				"--AUTHSTACK_KEYCLOAK_ISSUER=https://auth.example.com/realms/authstack",
				"--AUTHSTACK_BFF_ADMIN_CLIENT_SECRET=a-secret-from-the-vault",
				"--AUTHSTACK_PUBLIC_URL=https://app.example.com",
				// The dev profile's operator password, copied into a deployment.
				"--AUTHSTACK_BFF_OPERATOR_PASSWORD=dev-only-bff-operator-password"))
			.hasMessageContaining("The prod profile refuses development values")
			.hasMessageContaining("authstack.bff.operator.password")
			.hasMessageNotContaining("dev-only-bff-operator-password");
	}

	@Test
	void developmentValuesAreFoundInAnyPropertyWhateverTheCase() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.password", "DEV-ONLY-redis")
			.withProperty("authstack.bff.cookie.keys[0].secret", "dev-only-jwe-key-never-use-outside-dev-ABCA")
			.withProperty("authstack.bff.keycloak.client-secret", "a-secret-from-the-vault");

		assertThat(ProductionSecretsCheck.devValueProperties(environment))
			.containsExactly("authstack.bff.cookie.keys[0].secret", "spring.data.redis.password");
	}

}
