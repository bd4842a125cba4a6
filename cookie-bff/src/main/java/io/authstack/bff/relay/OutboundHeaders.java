package io.authstack.bff.relay;

import io.authstack.bff.BffProperties;
import io.authstack.bff.binding.ClientContexts;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The headers a relayed call carries: never the browser's cookies, {@code Authorization} or CSRF header; the
 * token the guard chose as a bearer token; and {@code X-Forwarded-*} from the BFF's own view of the client
 * (its trusted-proxy list), not from whatever the browser sent. Runs after the gateway's own filters, which
 * drop hop-by-hop and incoming forwarding headers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-7.6.1">RFC 9110 §7.6.1</a>
 */
@Component
final class OutboundHeaders implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

	private final ClientContexts clients;

	private final BffProperties bff;

	OutboundHeaders(ClientContexts clients, BffProperties bff) {
		this.clients = clients;
		this.bff = bff;
	}

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		HttpHeaders headers = HttpHeaders.copyOf(input);
		headers.remove(HttpHeaders.COOKIE);
		headers.remove(HttpHeaders.AUTHORIZATION);
		headers.remove("X-CSRF");
		if (request.servletRequest().getAttribute(RelayGuard.BEARER) instanceof String token) {
			headers.setBearerAuth(token);
		}
		headers.set("X-Forwarded-For", this.clients.of(request.servletRequest()).address().getHostAddress());
		headers.set("X-Forwarded-Proto", this.bff.publicUrl().getScheme());
		headers.set("X-Forwarded-Host", this.bff.publicUrl().getRawAuthority());
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
