package io.authstack.demoapi.whoami;

import java.util.List;

/**
 * Who called and what reached the API: the token's identity, and what a relay in front of it passed on or kept
 * back. Never the token itself, nor a cookie's value.
 *
 * @param subject the token's {@code sub}
 * @param preferredUsername its {@code preferred_username}
 * @param name its {@code name}, when the realm puts one in
 * @param realmRoles its {@code realm_access.roles}
 * @param audience its {@code aud}
 * @param receivedCookie whether the request carried any {@code Cookie} header (a relay should strip the browser's)
 * @param forwardedFor the {@code X-Forwarded-For} values received, comma-joined, or {@code null}
 * @param forwardedProto the {@code X-Forwarded-Proto} received, or {@code null}
 * @param forwardedHost the {@code X-Forwarded-Host} received, or {@code null}
 */
public record Whoami(String subject, String preferredUsername, String name, List<String> realmRoles,
		List<String> audience, boolean receivedCookie, String forwardedFor, String forwardedProto,
		String forwardedHost) {
}
