package io.authstack.bff.spa;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-side hardening headers of every answer, the SPA's pages above all: a Content-Security-Policy
 * that allows scripts, styles and calls from this origin only (no inline script, so an injected
 * {@code <script>} does not run), no framing, no MIME sniffing, and no {@code Referer}, so that the
 * verification and reset tokens in the SPA's URLs never leak to another site. Google's sign-in origins are
 * allowed only when the Google button is configured.
 *
 * @see <a href="https://www.w3.org/TR/CSP3/">Content Security Policy Level 3</a>
 * @see <a href="https://developers.google.com/identity/gsi/web/guides/get-google-api-clientid#content_security_policy">Sign in with Google and CSP</a>
 * @see <a href="https://owasp.org/www-project-secure-headers/">OWASP Secure Headers</a>
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

	private static final String GOOGLE = "https://accounts.google.com/gsi/";

	private final String contentSecurityPolicy;

	SecurityHeadersFilter(SpaProperties spa) {
		this.contentSecurityPolicy = contentSecurityPolicy(spa.googleConfigured());
	}

	static String contentSecurityPolicy(boolean google) {
		String extra = google ? " " + GOOGLE : "";
		String scripts = google ? " " + GOOGLE + "client" : "";
		String styles = google ? " " + GOOGLE + "style" : "";
		return "default-src 'none'; script-src 'self'" + scripts + "; style-src 'self'" + styles
				+ "; img-src 'self'; connect-src 'self'" + extra + "; frame-src" + (google ? extra : " 'none'")
				+ "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		chain.doFilter(request, response);
	}

}
