package io.authstack.bff.relay;

import java.util.Optional;

import io.authstack.bff.metrics.RelayMeters;
import io.authstack.bff.session.Sessions;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchangeHandlerFunction;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One Spring Cloud Gateway (Server MVC) route per configured API: the gateway proxies and streams, with its
 * hop-by-hop and forwarding-header filters; each route has its own HTTP client, so that its timeouts are its
 * own, and its own {@link RelayGuard}.
 *
 * @see <a href="https://docs.spring.io/spring-cloud-gateway/reference/spring-cloud-gateway-server-webmvc.html">
 * Spring Cloud Gateway Server MVC</a>
 */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	/** Connections to one API at once: as many as the BFF's request threads (Tomcat's default). */
	private static final int MAX_CONNECTIONS = 200;

	@Bean
	RouterFunction<ServerResponse> relayRoutes(RelayProperties relay, Sessions sessions, ExchangedTokens exchanged,
			GatewayMvcProperties gateway, ObjectProvider<HttpHeadersFilter.RequestHttpHeadersFilter> requestFilters,
			ObjectProvider<HttpHeadersFilter.ResponseHttpHeadersFilter> responseFilters, ApplicationContext context,
			RelayMeters meters) {
		RouterFunction<ServerResponse> routes = (request) -> Optional.empty();
		for (ApiRoute route : relay.apis()) {
			ProxyExchangeHandlerFunction proxy = new ProxyExchangeHandlerFunction(
					new RestClientProxyExchange(restClient(route), gateway), requestFilters, responseFilters);
			// Not a bean of its own: it learns the header filters the way the gateway's own handler does.
			proxy.onApplicationEvent(new ContextRefreshedEvent(context));
			routes = routes.and(RouterFunctions.route()
				.route(RequestPredicates.path(route.pathPrefix() + "/**"), proxy)
				.filter(new RelayGuard(route, sessions, exchanged, meters.route(route.id())))
				.build());
		}
		return routes;
	}

	/**
	 * Apache HttpClient, because its socket timeout bounds each wait for the API (the answer's start, and any
	 * stall inside a body) without bounding the whole transfer, as the JDK client's read timeout in Spring does:
	 * a 50 MB download may take longer than the route's timeout. The API's answer passes through as it came: no
	 * redirect followed, no retry, no cookie kept, no decompression.
	 */
	private static RestClient restClient(ApiRoute route) {
		ConnectionConfig connection = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(route.connectTimeout()))
			.setSocketTimeout(Timeout.of(route.timeout()))
			.build();
		CloseableHttpClient http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(connection)
				.setMaxConnTotal(MAX_CONNECTIONS)
				.setMaxConnPerRoute(MAX_CONNECTIONS)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableContentCompression()
			.build();
		return RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(http)).build();
	}

}
