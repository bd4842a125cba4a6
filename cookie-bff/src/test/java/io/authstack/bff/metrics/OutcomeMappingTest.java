package io.authstack.bff.metrics;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every refusal lands in one outcome of a fixed set, whatever its problem code. */
class OutcomeMappingTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void aLoginIsCountedOnceByHowItEndedAndItsExceptionGoesOn() {
		LoginMeters logins = new LoginMeters(this.registry);

		assertThat(logins.counted(LoginMeters.Method.PASSWORD, () -> "session")).isEqualTo("session");
		assertThatThrownBy(() -> logins.counted(LoginMeters.Method.PASSWORD, () -> {
			throw new ProblemException(ProblemCode.RATE_LIMITED, "slow down");
		})).hasMessage("slow down");
		assertThatThrownBy(() -> logins.counted(LoginMeters.Method.GOOGLE, () -> {
			throw new ProblemException(ProblemCode.GOOGLE_DOMAIN_NOT_ALLOWED, "no");
		}));

		assertThat(count(MeterNames.LOGINS, "method", "password", "outcome", "success")).isEqualTo(1);
		assertThat(count(MeterNames.LOGINS, "method", "password", "outcome", "rate_limited")).isEqualTo(1);
		assertThat(count(MeterNames.LOGINS, "method", "google", "outcome", "refused")).isEqualTo(1);
		assertThat(this.registry.find(MeterNames.LOGINS).counters()).hasSize(
				LoginMeters.Method.values().length * LoginMeters.Outcome.values().length);
	}

	@Test
	void refusedRefreshesAndSessionChecksAreTheirProblemCodeOrUnavailable() {
		RefreshMeters refreshes = new RefreshMeters(this.registry);
		SessionCheckMeters checks = new SessionCheckMeters(this.registry);

		refreshes.refused(new ProblemException(ProblemCode.REFRESH_REUSED, "twice"));
		refreshes.refused(new ProblemException(ProblemCode.SESSION_EXPIRED, "gone"));
		refreshes.refused(new QueryTimeoutException("Redis"));
		checks.refused(new ProblemException(ProblemCode.BINDING_MISMATCH, "elsewhere"));
		checks.refused(new ProblemException(ProblemCode.UPSTREAM_UNAVAILABLE, "JWKS"));
		checks.ok();

		assertThat(count(MeterNames.REFRESHES, "outcome", "refresh_reused")).isEqualTo(1);
		assertThat(count(MeterNames.REFRESHES, "outcome", "expired")).isEqualTo(1);
		assertThat(count(MeterNames.REFRESHES, "outcome", "unavailable")).isEqualTo(1);
		assertThat(count(MeterNames.SESSION_CHECKS, "outcome", "binding_mismatch")).isEqualTo(1);
		assertThat(count(MeterNames.SESSION_CHECKS, "outcome", "unavailable")).isEqualTo(1);
		assertThat(count(MeterNames.SESSION_CHECKS, "outcome", "ok")).isEqualTo(1);
	}

	@Test
	void relayAnswersCountByStatusClassAndAnOddStatusAsAServerFailure() {
		RelayMeters.Route orders = new RelayMeters(this.registry).route("orders");

		orders.answered(204);
		orders.answered(404);
		orders.answered(504);
		orders.answered(999);

		assertThat(count(MeterNames.RELAY_CALLS, "route", "orders", "status", "2xx")).isEqualTo(1);
		assertThat(count(MeterNames.RELAY_CALLS, "route", "orders", "status", "4xx")).isEqualTo(1);
		assertThat(count(MeterNames.RELAY_CALLS, "route", "orders", "status", "5xx")).isEqualTo(2);
	}

	@Test
	void keycloakEndpointsAreToldApartByTheirPath() {
		assertThat(KeycloakMeters.Endpoint.of("/realms/authstack/protocol/openid-connect/token"))
			.isEqualTo(KeycloakMeters.Endpoint.TOKEN);
		assertThat(KeycloakMeters.Endpoint.of("/realms/authstack/protocol/openid-connect/logout"))
			.isEqualTo(KeycloakMeters.Endpoint.LOGOUT);
		assertThat(KeycloakMeters.Endpoint.of("/realms/authstack/protocol/openid-connect/certs"))
			.isEqualTo(KeycloakMeters.Endpoint.CERTS);
		assertThat(KeycloakMeters.Endpoint.of("/admin/realms/authstack/users/42/sessions"))
			.isEqualTo(KeycloakMeters.Endpoint.ADMIN);
		assertThat(KeycloakMeters.Endpoint.of("/realms/authstack/.well-known/openid-configuration"))
			.isEqualTo(KeycloakMeters.Endpoint.OTHER);
	}

	private double count(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

}
