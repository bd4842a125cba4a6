package io.authstack.bff.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.authstack.bff.account.KeycloakUsers;
import io.authstack.bff.binding.ClientAddress;
import io.authstack.bff.binding.ClientContext;
import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;
import io.authstack.bff.revocation.RevocationStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * A signed-in user's own sessions: which there are, signing one of them out, signing out everywhere. Keycloak's
 * admin API is the list's source of truth (a session it no longer has is over); ending one is what the session
 * layer does to a revoked session, so the other browser's cookies fail at their very next request.
 */
@Component
public final class UserSessions {

	private final KeycloakUsers users;

	private final SessionRevocation revocation;

	private final RevocationStore revocations;

	private final Sessions sessions;

	UserSessions(KeycloakUsers users, SessionRevocation revocation, RevocationStore revocations, Sessions sessions) {
		this.users = users;
		this.revocation = revocation;
		this.revocations = revocations;
		this.sessions = sessions;
	}

	/** The user's sessions, the latest active first. */
	public List<UserSessionView> list(AuthenticatedSession current) {
		String currentId = current.token().sessionId();
		return this.users.sessions(current.token().subject())
			.stream()
			.sorted(Comparator.comparing(KeycloakUsers.UserSession::lastActive).reversed())
			.map((session) -> new UserSessionView(session.id(), network(session.ipAddress()), session.started(),
					session.lastActive(), session.id().equals(currentId)))
			.toList();
	}

	/**
	 * Signs out one of the user's sessions, in Keycloak and in the BFF at once.
	 * @throws ProblemException {@code 404 not_found} when the user has no such session (someone else's is no
	 * different from none)
	 */
	public void signOut(AuthenticatedSession current, String sessionId, ClientContext client) {
		String userId = current.token().subject();
		boolean theirs = this.users.sessions(userId).stream().anyMatch((session) -> session.id().equals(sessionId));
		if (!theirs) {
			throw new ProblemException(ProblemCode.NOT_FOUND, "You have no such session.");
		}
		this.revocation.revoke(Revocation.Reason.SIGNED_OUT_BY_USER, new Revocation(sessionId, userId, client));
	}

	/**
	 * Ends every session of the user: every token issued until now is void in Redis, Keycloak ends every session
	 * (and tells every client over the back channel), and this browser's cookies are cleared.
	 */
	public void signOutEverywhere(AuthenticatedSession current, HttpServletRequest request,
			HttpServletResponse response) {
		String userId = current.token().subject();
		this.revocations.revokeUser(userId, Instant.now());
		this.users.logout(userId);
		this.sessions.end(request, response);
	}

	/** The network of an address Keycloak saw (IPv4 /24, IPv6 /64): where, not who exactly. */
	private static String network(String ipAddress) {
		if (ipAddress == null || !ipAddress.matches("[0-9a-fA-F.:]+")) {
			return null;
		}
		try {
			// A literal address: no name is looked up.
			return ClientAddress.site(InetAddress.getByName(ipAddress));
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * One session as its user sees it.
	 *
	 * @param id the session id, to sign it out with
	 * @param network the network it started from, masked to the IPv4 /24 or IPv6 /64; null when unknown
	 * @param started when it started
	 * @param lastActive when it was last used (a login or a refresh)
	 * @param current whether it is the session of the browser asking
	 */
	public record UserSessionView(String id, String network, Instant started, Instant lastActive, boolean current) {
	}

}
