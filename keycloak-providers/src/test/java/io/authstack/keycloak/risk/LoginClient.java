package io.authstack.keycloak.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in to the realm the way our clients do: the BFF's direct grant (with the browser's headers
 * forwarded) and a browser driving Keycloak's login form (with a cookie jar of its own).
 */
public final class LoginClient {

	public static final String REALM = "authstack";

	static final String CLIENT_ID = "authstack-bff";

	static final String CLIENT_SECRET = "dev-only-bff-client-secret-change-me";

	public static final String REDIRECT_URI = "http://localhost:8080/api/auth/callback";

	private static final Pattern LOGIN_FORM_ACTION = Pattern.compile("action=\"([^\"]*/login-actions/authenticate[^\"]*)\"");

	/** HTTP/1.1, as our BFF speaks to Keycloak (its KeycloakHttp says why). */
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/** What fetches a link from outside a browser session: no cookies, every redirect followed. */
	private static final HttpClient LINK_FETCHER = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.ALWAYS)
		.build();

	private final String baseUrl;

	public LoginClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** A resource owner password grant with the given request headers; the raw answer. */
	public HttpResponse<String> passwordGrant(String username, String password, Map<String, String> headers) {
		return passwordGrant(username, password, headers, Map.of());
	}

	/** A resource owner password grant with extra form fields, such as the {@code otp} code. */
	HttpResponse<String> passwordGrant(String username, String password, Map<String, String> headers,
			Map<String, String> fields) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(passwordGrantForm(username, password, fields)));
		headers.forEach(request::header);
		return send(HTTP, request.build());
	}

	/**
	 * A password grant sent from another loopback address ({@code 127.0.0.2}), which the server does not
	 * trust as a proxy; the HTTP status. Java's HTTP client cannot choose its source address, so this speaks
	 * HTTP/1.1 over a socket.
	 */
	int passwordGrantFromUntrustedAddress(String username, String password, Map<String, String> headers) {
		URI token = URI.create(tokenEndpoint());
		byte[] body = passwordGrantForm(username, password, Map.of()).getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder("POST " + token.getPath() + " HTTP/1.1\r\n")
			.append("Host: ").append(token.getAuthority()).append("\r\n")
			.append("Content-Type: application/x-www-form-urlencoded\r\n")
			.append("Content-Length: ").append(body.length).append("\r\n")
			.append("Connection: close\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
			socket.connect(new InetSocketAddress(token.getHost(), token.getPort()), 5_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer from " + token, ex);
		}
	}

	private String tokenEndpoint() {
		return this.baseUrl + "/realms/" + REALM + "/protocol/openid-connect/token";
	}

	private static String passwordGrantForm(String username, String password, Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", CLIENT_ID,
				"client_secret", CLIENT_SECRET, "username", username, "password", password, "scope", "openid"));
		form.putAll(fields);
		return form(form);
	}

	/**
	 * A plain GET with no cookies, following redirects, as a mail scanner fetches every link of an incoming email
	 * (or a browser the user has never signed in with opens it).
	 */
	HttpResponse<String> open(String url) {
		return send(LINK_FETCHER, HttpRequest.newBuilder(URI.create(url)).GET().build());
	}

	/** A browser with its own cookie jar, sending {@code headers} on every request. */
	public Browser browser(Map<String, String> headers) {
		return new Browser(new CookieManager(), headers);
	}

	public final class Browser {

		private final CookieManager cookies;

		private final HttpClient http;

		private final Map<String, String> headers;

		private Browser(CookieManager cookies, Map<String, String> headers) {
			this.cookies = cookies;
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(new LocalhostIsSecure(cookies))
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			this.headers = headers;
		}

		/**
		 * Opens the authorization endpoint (code flow with PKCE), submits the login form and returns the
		 * answer to that submission: a redirect to the client with a code when the login succeeded.
		 */
		public HttpResponse<String> logIn(String username, String password) {
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
			Map<String, String> query = new LinkedHashMap<>();
			query.put("client_id", CLIENT_ID);
			query.put("redirect_uri", REDIRECT_URI);
			query.put("response_type", "code");
			query.put("scope", "openid");
			query.put("state", "s" + System.nanoTime());
			query.put("code_challenge", challenge(verifier));
			query.put("code_challenge_method", "S256");
			HttpResponse<String> page = send(this.http, request(LoginClient.this.baseUrl + "/realms/" + REALM
					+ "/protocol/openid-connect/auth?" + form(query)).GET().build());
			Matcher action = LOGIN_FORM_ACTION.matcher(page.body());
			if (page.statusCode() != 200 || !action.find()) {
				throw new IllegalStateException("No login form: " + page.statusCode() + " " + page.body());
			}
			String submitTo = action.group(1).replace("&amp;", "&");
			return send(this.http, request(submitTo).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
				.build());
		}

		/** Opens a page, a link from an email say, in this browser: its cookies, no redirect followed. */
		HttpResponse<String> open(String url) {
			return send(this.http, request(url).GET().build());
		}

		/** Submits the form with the given id, without fields, from a page this browser got. */
		HttpResponse<String> submit(HttpResponse<String> page, String formId) {
			return submit(page, formId, Map.of());
		}

		/** Submits the form with the given id and these fields from a page this browser got. */
		HttpResponse<String> submit(HttpResponse<String> page, String formId, Map<String, String> fields) {
			Matcher action = Pattern.compile("id=\"" + formId + "\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
			if (!action.find()) {
				throw new IllegalStateException("No form " + formId + " in: " + page.body());
			}
			return send(this.http, request(action.group(1).replace("&amp;", "&"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
				.build());
		}

		Optional<String> cookie(String name) {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals(name))
				.map(HttpCookie::getValue)
				.findFirst();
		}

		/** The same browser after its SSO session ended: only the named cookie is kept. */
		Browser keepingOnly(String cookieName) {
			CookieManager kept = new CookieManager();
			this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals(cookieName))
				.forEach((cookie) -> kept.getCookieStore().add(LocalhostIsSecure.asHttps(URI.create(LoginClient.this.baseUrl)), cookie));
			return new Browser(kept, this.headers);
		}

		private HttpRequest.Builder request(String uri) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri));
			this.headers.forEach(builder::header);
			return builder;
		}

	}

	/**
	 * Browsers treat {@code http://localhost} as a secure context and send it {@code Secure} cookies, which
	 * Keycloak sets there; Java's cookie manager does not, so it is shown every URI as its HTTPS twin.
	 */
	private static final class LocalhostIsSecure extends CookieHandler {

		private final CookieManager cookies;

		LocalhostIsSecure(CookieManager cookies) {
			this.cookies = cookies;
		}

		@Override
		public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
			return this.cookies.get(asHttps(uri), requestHeaders);
		}

		@Override
		public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
			this.cookies.put(asHttps(uri), responseHeaders);
		}

		static URI asHttps(URI uri) {
			return URI.create(uri.toString().replaceFirst("^http:", "https:"));
		}

	}

	private static String challenge(String verifier) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer from " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted calling " + request.uri(), ex);
		}
	}

}
