package io.authstack.bff.csrf;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.authstack.bff.BffProperties;
import io.authstack.bff.metrics.CsrfMeters;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Cross-site request forgery defence for every state-changing call: the request must carry {@code X-CSRF: 1}
 * (a header no cross-site form can send, and which forces a CORS preflight on cross-origin scripts) and an
 * {@code Origin} on the allowlist. SameSite cookies alone are not enough (same-site is not same-origin).
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html#employing-custom-request-headers-for-ajaxapi">OWASP CSRF: custom request headers</a>
 */
@Component
public final class CsrfInterceptor implements HandlerInterceptor {

	static final String HEADER = "X-CSRF";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final Logger logger = LoggerFactory.getLogger(CsrfInterceptor.class);

	private final Set<String> allowedOrigins;

	private final CsrfMeters meters;

	public CsrfInterceptor(CsrfProperties properties, BffProperties bff, CsrfMeters meters) {
		this.meters = meters;
		Set<String> origins = new HashSet<>();
		origins.add(normalize(bff.publicOrigin()));
		properties.allowedOrigins().forEach((origin) -> origins.add(normalize(origin)));
		this.allowedOrigins = Set.copyOf(origins);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (SAFE_METHODS.contains(request.getMethod())) {
			return true;
		}
		String origin = request.getHeader("Origin");
		if (!"1".equals(request.getHeader(HEADER)) || origin == null || !this.allowedOrigins.contains(normalize(origin))) {
			this.meters.rejected();
			logger.info("Rejected {} {}: X-CSRF or Origin missing or not allowed", request.getMethod(),
					request.getRequestURI());
			throw new ProblemException(ProblemCode.CSRF_REJECTED,
					"State-changing calls need the X-CSRF header and an allowed Origin.");
		}
		return true;
	}

	private static String normalize(String origin) {
		String trimmed = origin.trim().toLowerCase(Locale.ROOT);
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
