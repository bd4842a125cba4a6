package io.authstack.bff.relay;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.validation.annotation.Validated;

/**
 * The SPA's own APIs the BFF relays ({@code authstack.bff.apis}); none by default.
 *
 * @param apis the routes; ids and prefixes are unique, and no prefix lies inside another
 */
@Validated
@ConfigurationProperties("authstack.bff")
public record RelayProperties(@Valid List<ApiRoute> apis) {

	public RelayProperties {
		apis = (apis != null) ? List.copyOf(apis) : List.of();
		Set<String> ids = new HashSet<>();
		for (ApiRoute route : apis) {
			Assert.isTrue(ids.add(route.id()), () -> "Two routes are called " + route.id());
			for (ApiRoute other : apis) {
				Assert.isTrue(route == other || !(route.pathPrefix() + "/").startsWith(other.pathPrefix() + "/"),
						() -> "Route " + route.id() + " lies inside route " + other.id());
			}
		}
	}

}
