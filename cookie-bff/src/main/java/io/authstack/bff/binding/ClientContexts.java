package io.authstack.bff.binding;

import java.net.InetAddress;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a request's {@link ClientContext} once and keeps it on the request, so the rate limiters, the
 * session check and the login calls all see the same client. Handler methods take it as a parameter.
 */
@Component
public final class ClientContexts implements HandlerMethodArgumentResolver {

	private static final String ATTRIBUTE = ClientContext.class.getName();

	private final ClientAddress addresses;

	private final FingerprintBinding binding;

	ClientContexts(ClientAddress addresses, FingerprintBinding binding) {
		this.addresses = addresses;
		this.binding = binding;
	}

	public ClientContext of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof ClientContext known) {
			return known;
		}
		InetAddress address = this.addresses.of(request);
		ClientContext client = new ClientContext(address, this.binding.of(request, address),
				this.binding.forwarded(request, address));
		request.setAttribute(ATTRIBUTE, client);
		return client;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return ClientContext.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		return of(request.getNativeRequest(HttpServletRequest.class));
	}

}
