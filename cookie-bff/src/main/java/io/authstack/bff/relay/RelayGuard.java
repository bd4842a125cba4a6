package io.authstack.bff.relay;

import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.authstack.bff.metrics.RelayMeters;
import io.authstack.bff.problem.ProblemAdvice;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.session.AuthenticatedSession;
import io.authstack.bff.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What stands between the SPA and one relayed API: the method, path and body checks, the session check (once,
 * through the session layer) and the token to send, then the call's failures as problem details. The target
 * is the route's own, so no request can choose the host.
 */
final class RelayGuard implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	/** The request attribute that carries the token for {@link OutboundHeaders}. */
	static final String BEARER = RelayGuard.class.getName() + ".bearer";

	private static final Logger logger = LoggerFactory.getLogger(RelayGuard.class);

	/** Path text that could climb out of the route's prefix, in any spelling; refused before routing. */
	private static final Set<String> TRAVERSAL = Set.of("..", "%2e", "%2f", "%5c", "\\", "//", "%00", ";");

	private final ApiRoute route;

	private final Sessions sessions;

	private final ExchangedTokens exchanged;

	private final RelayMeters.Route calls;

	RelayGuard(ApiRoute route, Sessions sessions, ExchangedTokens exchanged, RelayMeters.Route calls) {
		this.route = route;
		this.sessions = sessions;
		this.exchanged = exchanged;
		this.calls = calls;
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		ServerResponse response;
		try {
			response = guarded(request, next);
		}
		catch (Exception ex) {
			// Left to the one advice (Redis down is a 503 there) or to the container: a server-side failure either way.
			this.calls.answered(HttpStatus.INTERNAL_SERVER_ERROR.value());
			throw ex;
		}
		this.calls.answered(response.statusCode().value());
		return response;
	}

	private ServerResponse guarded(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		try {
			HttpServletRequest servlet = request.servletRequest();
			requireAllowed(request, servlet);
			bearer(servlet).ifPresent((token) -> servlet.setAttribute(BEARER, token));
			ServerRequest upstream = ServerRequest.from(request).uri(upstreamUri(request)).build();
			MvcUtils.setRequestUrl(upstream, this.route.target());
			return next.handle(upstream);
		}
		catch (ProblemException ex) {
			return problem(ex.code().status(), ProblemAdvice.problem(ex), ex.headers());
		}
		catch (ResourceAccessException ex) {
			return unreachable(ex);
		}
	}

	private void requireAllowed(ServerRequest request, HttpServletRequest servlet) {
		if (!this.route.methods().contains(request.method())) {
			throw new ProblemException(ProblemCode.METHOD_NOT_ALLOWED, "Method not allowed on this API.");
		}
		String raw = servlet.getRequestURI().toLowerCase(Locale.ROOT);
		if (TRAVERSAL.stream().anyMatch(raw::contains)) {
			throw new ProblemException(ProblemCode.INVALID_REQUEST, "The path is not allowed.");
		}
		long length = servlet.getContentLengthLong();
		if (length < 0 && servlet.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			throw new ProblemException(ProblemCode.LENGTH_REQUIRED, "Send the request body with its length.");
		}
		if (length > this.route.maxRequestSize().toBytes()) {
			throw new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE,
					"The body is over this API's limit of " + this.route.maxRequestSize().toBytes() + " bytes.");
		}
	}

	private Optional<String> bearer(HttpServletRequest servlet) {
		Optional<AuthenticatedSession> session = switch (this.route.token()) {
			case NONE -> Optional.empty();
			case OPTIONAL -> this.sessions.checkIfPresent(servlet);
			case REQUIRED -> Optional.of(this.sessions.check(servlet));
		};
		return session.map((checked) -> (this.route.audience() == null) ? checked.bearer()
				: this.exchanged.forRoute(checked, this.route));
	}

	private URI upstreamUri(ServerRequest request) {
		return UriComponentsBuilder.fromUri(request.uri())
			.replacePath(this.route.upstreamPath(request.uri().getRawPath()))
			.build(true)
			.toUri();
	}

	private ServerResponse unreachable(ResourceAccessException ex) {
		// A timeout (to connect, or waiting for the answer) is the API being slow; anything else, unreachable.
		boolean slow = ex.getCause() instanceof InterruptedIOException;
		HttpStatus status = slow ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
		logger.warn("API {} {}: {}", this.route.id(), slow ? "timed out" : "unreachable", ex.getMessage());
		ProblemDetail problem = ProblemAdvice.problem(ProblemCode.UPSTREAM_UNAVAILABLE, status,
				slow ? "The API did not answer in time." : "The API is unavailable.");
		return problem(status, problem, HttpHeaders.EMPTY);
	}

	private static ServerResponse problem(HttpStatusCode status, ProblemDetail problem, HttpHeaders headers) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.headers((answer) -> answer.addAll(headers))
			.body(problem);
	}

}
