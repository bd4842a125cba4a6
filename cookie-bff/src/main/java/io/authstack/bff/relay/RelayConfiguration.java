package io.authstack.bff.relay;

import java.net.http.HttpClient;
import java.util.Optional;

import io.authstack.bff.session.Sessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchangeHandlerFunction;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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

	@Bean
	RouterFunction<ServerResponse> relayRoutes(RelayProperties relay, Sessions sessions, ExchangedTokens exchanged,
			GatewayMvcProperties gateway, ObjectProvider<HttpHeadersFilter.RequestHttpHeadersFilter> requestFilters,
			ObjectProvider<HttpHeadersFilter.ResponseHttpHeadersFilter> responseFilters, ApplicationContext context) {
		RouterFunction<ServerResponse> routes = (request) -> Optional.empty();
		for (ApiRoute route : relay.apis()) {
			ProxyExchangeHandlerFunction proxy = new ProxyExchangeHandlerFunction(
					new RestClientProxyExchange(restClient(route), gateway), requestFilters, responseFilters);
			// Not a bean of its own: it learns the header filters the way the gateway's own handler does.
			proxy.onApplicationEvent(new ContextRefreshedEvent(context));
			routes = routes.and(RouterFunctions.route()
				.route(RequestPredicates.path(route.pathPrefix() + "/**"), proxy)
				.filter(new RelayGuard(route, sessions, exchanged))
				.build());
		}
		return routes;
	}

	private static RestClient restClient(ApiRoute route) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(route.connectTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(route.timeout());
		return RestClient.builder().requestFactory(factory).build();
	}

}
