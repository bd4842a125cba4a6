package io.authstack.bff.relay;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerResponse;

/** A relayed API's answer sets no cookie: the BFF's cookies are the only ones on its origin. */
@Component
final class InboundHeaders implements HttpHeadersFilter.ResponseHttpHeadersFilter {

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerResponse response) {
		HttpHeaders headers = HttpHeaders.copyOf(input);
		headers.remove(HttpHeaders.SET_COOKIE);
		headers.remove("Set-Cookie2");
		return headers;
	}

}
