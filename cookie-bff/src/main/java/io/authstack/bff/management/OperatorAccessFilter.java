package io.authstack.bff.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use the actuator: health (with its groups) and info answer anyone, every other endpoint, and the
 * endpoint list, only the operator ({@link OperatorProperties}) over HTTP Basic. Probes stay open because an
 * orchestrator's probe carries no credentials as a rule and they tell nothing but up or down; the Prometheus scrape
 * carries them ({@code basic_auth}), since the metrics tell how often logins fail and refresh tokens are replayed.
 * <p>
 * A filter of the actuator's own rather than Spring Security: the BFF has its own CSRF check, cookies and problem
 * answers, and Spring Security's filter chain would sit in front of every request of the application too (its
 * firewall alone refuses paths the relay answers with its own problem details).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7617">RFC 7617 The 'Basic' HTTP Authentication Scheme</a>
 */
final class OperatorAccessFilter extends OncePerRequestFilter {

	static final String CHALLENGE = "Basic realm=\"authstack-bff management\", charset=\"UTF-8\"";

	/** Readable without credentials: they tell nothing about any user and change nothing. */
	static final List<String> OPEN_ENDPOINTS = List.of("health", "info");

	private static final String BASIC = "Basic ";

	private final String basePath;

	private final byte[] expectedCredentials;

	/**
	 * @param basePath the actuator's base path in its servlet context, such as {@code /actuator}
	 */
	OperatorAccessFilter(String basePath, OperatorProperties operator) {
		Assert.notNull(basePath, "basePath cannot be null");
		Assert.notNull(operator, "operator cannot be null");
		this.basePath = basePath;
		this.expectedCredentials = sha256(operator.username() + ":" + operator.password());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isOpen(request) || isOperator(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
	}

	private boolean isOpen(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String endpoint : OPEN_ENDPOINTS) {
			String open = this.basePath + "/" + endpoint;
			if (path.equals(open) || path.startsWith(open + "/")) {
				return true;
			}
		}
		return false;
	}

	private boolean isOperator(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return false;
		}
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		// Digests of equal length, compared in constant time: the answer's timing tells nothing of the password.
		return MessageDigest.isEqual(sha256(credentials), this.expectedCredentials);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
