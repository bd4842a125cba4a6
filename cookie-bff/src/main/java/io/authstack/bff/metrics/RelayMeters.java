package io.authstack.bff.metrics;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@link MeterNames#RELAY_CALLS}: calls through each relay route, by the status class of their answer. The routes
 * are the configured ones, known at start-up: each route's five counters are registered then.
 */
@Component
public final class RelayMeters {

	private static final int STATUS_CLASSES = 5;

	private final MeterRegistry registry;

	private final Map<String, Route> routes = new HashMap<>();

	RelayMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** The counters of the route with this (configured) id. */
	public synchronized Route route(String id) {
		return this.routes.computeIfAbsent(id, (routeId) -> new Route(this.registry, routeId));
	}

	/** One route's counters. */
	public static final class Route {

		private final Counter[] byStatusClass = new Counter[STATUS_CLASSES];

		private Route(MeterRegistry registry, String id) {
			for (int i = 0; i < STATUS_CLASSES; i++) {
				this.byStatusClass[i] = Counter.builder(MeterNames.RELAY_CALLS)
					.description("Calls through a relay route, by the status class of the answer")
					.tag("route", id)
					.tag("status", (i + 1) + "xx")
					.register(registry);
			}
		}

		/** The call was answered with {@code status} (anything outside 100-599 counts as 5xx). */
		public void answered(int status) {
			int statusClass = status / 100;
			this.byStatusClass[(statusClass >= 1 && statusClass <= STATUS_CLASSES) ? statusClass - 1
					: STATUS_CLASSES - 1].increment();
		}

	}

}
