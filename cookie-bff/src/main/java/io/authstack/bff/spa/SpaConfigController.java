package io.authstack.bff.spa;

import io.authstack.bff.keycloak.KeycloakProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the demo SPA which login methods to show; public, and nothing in it is secret. */
@RestController
class SpaConfigController {

	static final String PATH = "/api/spa/config";

	private final KeycloakProperties keycloak;

	private final SpaProperties spa;

	SpaConfigController(KeycloakProperties keycloak, SpaProperties spa) {
		this.keycloak = keycloak;
		this.spa = spa;
	}

	@GetMapping(PATH)
	SpaConfig config() {
		return new SpaConfig(this.keycloak.directGrantEnabled(),
				this.spa.googleConfigured() ? this.spa.googleClientId() : null,
				this.spa.demoApi().isEmpty() ? null : this.spa.demoApi());
	}

}
