package io.authstack.bff.relay;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * One of the SPA's own APIs, relayed by the BFF with the user's token.
 *
 * @param id the route's name, in logs and metrics
 * @param pathPrefix where the SPA calls it, under {@code /api/} but never one of the BFF's own paths, e.g.
 * {@code /api/orders}
 * @param target the API's base URL; the only host this route ever calls
 * @param stripPrefix whether {@code pathPrefix} is removed before the path is appended to {@code target}
 * @param token whether the user's token is sent: {@code required}, {@code optional} (when a session exists) or
 * {@code none}
 * @param audience when set, the user's token is exchanged at Keycloak (RFC 8693) for one restricted to this
 * audience, and only that one is sent
 * @param scope the client scope asked for in the exchange, when the realm needs one for the audience
 * @param connectTimeout how long to wait for a connection to the API
 * @param timeout how long to wait for the API's answer to begin: past it the SPA gets {@code 504}
 * @param maxRequestSize the largest request body relayed
 * @param methods the methods relayed; others get {@code 405}
 */
public record ApiRoute(@NotBlank String id, @NotBlank String pathPrefix, @NotNull URI target, Boolean stripPrefix,
		TokenMode token, String audience, String scope, Duration connectTimeout, Duration timeout,
		DataSize maxRequestSize, Set<HttpMethod> methods) {

	private static final Pattern PREFIX = Pattern.compile("/api(/[a-z0-9][a-z0-9._-]*)+");

	/** The BFF's own paths, which no route may shadow. */
	private static final Set<String> RESERVED = Set.of("/api/auth", "/api/accounts", "/api/account", "/api/spa");

	public ApiRoute {
		Assert.isTrue(pathPrefix != null && PREFIX.matcher(pathPrefix).matches(),
				() -> "Route " + id + ": path-prefix must look like /api/<name>, lowercase, no trailing slash");
		String first = "/api/" + pathPrefix.split("/")[2];
		Assert.isTrue(!RESERVED.contains(first), () -> "Route " + id + ": " + first + " belongs to the BFF itself");
		Assert.isTrue(target != null && target.isAbsolute() && target.getHost() != null
				&& ("http".equals(target.getScheme()) || "https".equals(target.getScheme()))
				&& target.getRawQuery() == null && target.getRawFragment() == null,
				() -> "Route " + id + ": target must be an http(s) base URL without query or fragment");
		stripPrefix = (stripPrefix != null) ? stripPrefix : Boolean.TRUE;
		token = (token != null) ? token : TokenMode.REQUIRED;
		Assert.isTrue(audience == null || token != TokenMode.NONE,
				() -> "Route " + id + ": an audience needs a token to exchange");
		connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(2);
		timeout = (timeout != null) ? timeout : Duration.ofSeconds(10);
		maxRequestSize = (maxRequestSize != null) ? maxRequestSize : DataSize.ofMegabytes(10);
		methods = (methods != null && !methods.isEmpty()) ? Set.copyOf(methods)
				: Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
						HttpMethod.DELETE);
	}

	/** The path the API sees for a request to {@code path} (which starts with this route's prefix). */
	String upstreamPath(String path) {
		String rest = this.stripPrefix ? path.substring(this.pathPrefix.length()) : path;
		String base = this.target.getRawPath().replaceAll("/+$", "");
		String joined = base + rest;
		return joined.isEmpty() ? "/" : joined;
	}

	/** Whether the user's token goes with the call. */
	public enum TokenMode {

		REQUIRED, OPTIONAL, NONE

	}

}
