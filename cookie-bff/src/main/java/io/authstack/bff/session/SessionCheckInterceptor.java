package io.authstack.bff.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Runs the session check ({@link Sessions#check}) before every protected endpoint of the BFF and leaves the
 * checked session for its handler. Failures become problem details through the one advice.
 */
@Component
public final class SessionCheckInterceptor implements HandlerInterceptor {

	private final Sessions sessions;

	SessionCheckInterceptor(Sessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Only the BFF's own endpoints: the relay checks its routes itself (some need no session), and a path
		// nothing serves is a 404, not a 401.
		if (handler instanceof HandlerMethod) {
			request.setAttribute(AuthenticatedSession.ATTRIBUTE, this.sessions.check(request));
		}
		return true;
	}

}
