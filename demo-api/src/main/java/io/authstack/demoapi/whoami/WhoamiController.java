package io.authstack.demoapi.whoami;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /whoami}: the caller's identity from its access token, and the request headers a relay is judged on.
 * The forwarded headers are read as they arrived: the API applies none of them (no forward-headers strategy).
 */
@RestController
class WhoamiController {

	static final String PATH = "/whoami";

	@GetMapping(PATH)
	Whoami whoami(@AuthenticationPrincipal Jwt token, HttpServletRequest request) {
		return new Whoami(token.getSubject(), token.getClaimAsString("preferred_username"),
				token.getClaimAsString("name"), realmRoles(token), token.getAudience(),
				request.getHeader(HttpHeaders.COOKIE) != null, received(request, "X-Forwarded-For"),
				received(request, "X-Forwarded-Proto"), received(request, "X-Forwarded-Host"));
	}

	/** Keycloak's realm roles claim: {@code "realm_access": {"roles": [...]}}. */
	private static List<String> realmRoles(Jwt token) {
		Map<String, Object> realmAccess = token.getClaimAsMap("realm_access");
		if (realmAccess == null || !(realmAccess.get("roles") instanceof List<?> roles)) {
			return List.of();
		}
		return roles.stream().map(String::valueOf).toList();
	}

	/** Every value of the header, in order and comma-joined, as a proxy chain may send several. */
	private static String received(HttpServletRequest request, String header) {
		List<String> values = Collections.list(request.getHeaders(header));
		return values.isEmpty() ? null : String.join(", ", values);
	}

}
