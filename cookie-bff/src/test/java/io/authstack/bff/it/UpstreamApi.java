package io.authstack.bff.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An API of the SPA's own for the relay to call: a real HTTP server on a loopback port that remembers the last
 * request it got, answers with a cookie it should not be able to set, streams large bodies in two halves (the
 * second only once the client has the first, which a relay that buffers can never deliver), and can be slow.
 */
final class UpstreamApi {

	static final int MEGABYTE = 1024 * 1024;

	private final HttpServer server;

	private volatile Received last;

	private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

	/** Released by the test once the first half of a streamed body has reached it through the relay. */
	private volatile CountDownLatch firstHalfArrived = new CountDownLatch(1);

	private volatile boolean secondHalfWaited;

	UpstreamApi(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	Received last() {
		return this.last;
	}

	/** How many requests reached the API so far. */
	int requests() {
		return this.requests.get();
	}

	/** Lets the upstream send the second half of a streamed body, and resets for the next. */
	void firstHalfArrived() {
		this.firstHalfArrived.countDown();
	}

	/** Whether the second half of the last streamed body went out only after the client had the first. */
	boolean streamedInHalves() {
		return this.secondHalfWaited;
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String path = exchange.getRequestURI().getRawPath();
		Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
		long uploaded = (path.endsWith("/upload")) ? readUpload(exchange.getRequestBody()) : drain(exchange);
		this.last = new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers,
				uploaded);
		exchange.getResponseHeaders().add("Set-Cookie", "planted=1; Path=/");
		if (path.endsWith("/slow")) {
			pause(3000);
		}
		if (path.endsWith("/bytes")) {
			streamInHalves(exchange, 50 * MEGABYTE);
			return;
		}
		byte[] body = ("{\"path\":\"" + path + "\",\"uploaded\":" + uploaded + "}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void streamInHalves(HttpExchange exchange, int size) throws IOException {
		this.secondHalfWaited = false;
		this.firstHalfArrived = new CountDownLatch(1);
		exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
		exchange.sendResponseHeaders(200, size);
		byte[] chunk = new byte[MEGABYTE];
		try (OutputStream out = exchange.getResponseBody()) {
			for (int sent = 0; sent < size; sent += chunk.length) {
				if (sent == size / 2) {
					out.flush();
					this.secondHalfWaited = await(this.firstHalfArrived);
				}
				out.write(chunk);
			}
		}
	}

	private static long readUpload(InputStream body) throws IOException {
		return body.transferTo(OutputStream.nullOutputStream());
	}

	private static long drain(HttpExchange exchange) throws IOException {
		return exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the API last received.
	 *
	 * @param method the method
	 * @param path the raw path
	 * @param query the raw query, or {@code null}
	 * @param headers the headers, by name as the JDK's server spells them ({@code Authorization}, {@code Cookie})
	 * @param bodyBytes the length of the body
	 */
	record Received(String method, String path, String query, Map<String, List<String>> headers, long bodyBytes) {

		String header(String name) {
			List<String> values = this.headers.get(name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase());
			return (values == null) ? null : String.join(",", values);
		}

	}

}
