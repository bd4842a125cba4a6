package io.authstack.keycloak.amqp;

import java.util.Map;

import io.authstack.contract.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityEventsTest {

	@Test
	void loginEventKeepsItsIdRealmNameAndDetails() {
		Event login = new Event();
		login.setId("event-1");
		login.setRealmId("realm-uuid");
		login.setRealmName("authstack");
		login.setType(EventType.LOGIN);
		login.setUserId("user-1");
		login.setIpAddress("203.0.113.7");
		login.setTime(1_700_000_000_000L);
		login.setDetails(Map.of("auth_method", "openid-connect"));

		SecurityEvent event = SecurityEvents.of(login);

		assertThat(event.id()).isEqualTo("event-1");
		assertThat(event.routingKey()).isEqualTo("authstack.LOGIN");
		assertThat(event.details()).containsEntry("auth_method", "openid-connect");
		assertThat(event.admin()).isFalse();
	}

	@Test
	void adminEventCarriesTheOperationButNeverTheRepresentation() {
		AdminEvent update = new AdminEvent();
		update.setRealmName("authstack");
		update.setOperationType(OperationType.UPDATE);
		update.setResourceType(ResourceType.CLIENT);
		update.setResourcePath("clients/c-1");
		update.setRepresentation("{\"secret\":\"do-not-leak\"}");
		AuthDetails auth = new AuthDetails();
		auth.setUserId("admin-1");
		update.setAuthDetails(auth);

		SecurityEvent event = SecurityEvents.of(update);

		assertThat(event.type()).isEqualTo("ADMIN_UPDATE");
		assertThat(event.id()).isNotBlank();
		assertThat(event.details()).containsExactly(Map.entry("resourceType", "CLIENT"));
		assertThat(event.toString()).doesNotContain("do-not-leak");
	}

}
