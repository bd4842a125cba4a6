package io.authstack.bff.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser as far as the BFF can tell: a User-Agent, a cookie jar that honours {@code Path} and
 * {@code Max-Age} (and, like a browser on {@code localhost}, sends {@code Secure} cookies over plain http),
 * and the SPA's habit of sending {@code Origin} and {@code X-CSRF: 1} on every POST.
 */
final class Browser {

	// HTTP/1.1 as browsers speak cleartext HTTP; Keycloak also fails some h2c upgrades (KeycloakHttp).
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String origin;

	private final String userAgent;

	private final Map<String, StoredCookie> jar;

	private final boolean keepsCookies;

	Browser(String origin, String userAgent) {
		this(origin, userAgent, new LinkedHashMap<>(), true);
	}

	private Browser(String origin, String userAgent, Map<String, StoredCookie> jar, boolean keepsCookies) {
		this.origin = origin;
		this.userAgent = userAgent;
		this.jar = jar;
		this.keepsCookies = keepsCookies;
	}

	/** Another tab of this browser: the same cookies from now on, its own jar. */
	Browser copy() {
		return new Browser(this.origin, this.userAgent, new LinkedHashMap<>(this.jar), true);
	}

	/** The same cookies replayed forever: whatever the server answers, the jar never changes. */
	Browser frozen() {
		return new Browser(this.origin, this.userAgent, new LinkedHashMap<>(this.jar), false);
	}

	/** The same cookies, sent by another device. */
	Browser withUserAgent(String otherUserAgent) {
		return new Browser(this.origin, otherUserAgent, new LinkedHashMap<>(this.jar), true);
	}

	Optional<String> cookie(String name) {
		return Optional.ofNullable(this.jar.get(name)).map(StoredCookie::value);
	}

	void setCookie(String name, String value, String path) {
		this.jar.put(name, new StoredCookie(value, path));
	}

	Response login(String username, String password) {
		return post("/api/auth/login", Map.of("username", username, "password", password));
	}

	Response session() {
		return get("/api/auth/session");
	}

	Response refresh() {
		return post("/api/auth/refresh", null);
	}

	Response logout() {
		return post("/api/auth/logout", null);
	}

	Response get(String path) {
		return send(path, "GET", null, Map.of());
	}

	/** A POST as the SPA sends it: JSON, {@code Origin}, {@code X-CSRF: 1}. */
	Response post(String path, Object body) {
		return send(path, "POST", body, Map.of("Origin", this.origin, "X-CSRF", "1"));
	}

	/** A form POST as a server sends it: no cookies, no Origin. */
	Response sendForm(String path, String form) {
		return send(path, "POST", form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
	}

	Response send(String path, String method, Object body, Map<String, String> headers) {
		URI uri = URI.create(path.startsWith("http") ? path : this.origin + path);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("User-Agent", this.userAgent)
			.header("Accept-Language", "en-GB,en;q=0.8")
			.header("Accept", "application/json");
		headers.forEach(request::header);
		String cookies = this.jar.entrySet()
			.stream()
			.filter((e) -> uri.getPath().startsWith(e.getValue().path()))
			.map((e) -> e.getKey() + "=" + e.getValue().value())
			.collect(Collectors.joining("; "));
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies);
		}
		if (body != null) {
			if (!headers.containsKey("Content-Type")) {
				request.header("Content-Type", "application/json");
			}
			request.method(method, HttpRequest.BodyPublishers.ofString(
					(body instanceof String text) ? text : JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Response answer = new Response(response.statusCode(), response.headers().map(), response.body());
			if (this.keepsCookies) {
				answer.setCookies().forEach((cookie) -> {
					if (cookie.maxAge() == 0) {
						this.jar.remove(cookie.name());
					}
					else {
						this.jar.put(cookie.name(), new StoredCookie(cookie.value(), cookie.attribute("Path").orElse("/")));
					}
				});
			}
			return answer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record StoredCookie(String value, String path) {
	}

	/** A cookie as a {@code Set-Cookie} header set it. */
	record SetCookie(String name, String value, Map<String, String> attributes) {

		static SetCookie parse(String header) {
			String[] parts = header.split(";");
			String[] pair = parts[0].split("=", 2);
			Map<String, String> attributes = new LinkedHashMap<>();
			for (int i = 1; i < parts.length; i++) {
				String[] attribute = parts[i].trim().split("=", 2);
				attributes.put(attribute[0].toLowerCase(Locale.ROOT), (attribute.length == 2) ? attribute[1] : "");
			}
			return new SetCookie(pair[0].trim(), pair[1], attributes);
		}

		Optional<String> attribute(String name) {
			return Optional.ofNullable(this.attributes.get(name.toLowerCase(Locale.ROOT)));
		}

		boolean has(String flag) {
			return this.attributes.containsKey(flag.toLowerCase(Locale.ROOT));
		}

		long maxAge() {
			return attribute("Max-Age").map(Long::parseLong).orElse(-1L);
		}

		/** What RFC 6265bis §5.7 and OWASP ASVS V3.3.5 count: name plus value. */
		int size() {
			return this.name.length() + this.value.length();
		}

	}

	record Response(int status, Map<String, List<String>> headers, String body) {

		Optional<String> header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.flatMap((e) -> e.getValue().stream())
				.findFirst();
		}

		List<SetCookie> setCookies() {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase("Set-Cookie"))
				.flatMap((e) -> e.getValue().stream())
				.map(SetCookie::parse)
				.toList();
		}

		Optional<SetCookie> setCookie(String name) {
			return setCookies().stream().filter((c) -> c.name().equals(name)).findFirst();
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The problem detail's stable {@code code}. */
		String code() {
			JsonNode code = json().get("code");
			return (code != null) ? code.asString() : null;
		}

	}

}
