package io.authstack.bff.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import io.authstack.bff.problem.ProblemCode;
import io.authstack.bff.problem.ProblemException;

/**
 * Where a login lands afterwards: a path on this site, nothing else. Scheme-relative ({@code //evil}),
 * backslash ({@code /\evil}), absolute URLs and control characters are refused, so the login can never
 * become an open redirect.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html">OWASP
 * Unvalidated Redirects</a>
 */
final class ReturnTo {

	private static final Pattern SAME_ORIGIN_PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7E&&[^\\\\]]*");

	private static final int MAX_LENGTH = 2048;

	private ReturnTo() {
	}

	static String parse(String returnTo) {
		if (returnTo == null || returnTo.isEmpty()) {
			return "/";
		}
		if (returnTo.length() > MAX_LENGTH || !SAME_ORIGIN_PATH.matcher(returnTo).matches()) {
			throw refused();
		}
		try {
			URI uri = new URI(returnTo);
			if (uri.getScheme() != null || uri.getRawAuthority() != null) {
				throw refused();
			}
		}
		catch (URISyntaxException ex) {
			throw refused();
		}
		return returnTo;
	}

	private static ProblemException refused() {
		return new ProblemException(ProblemCode.INVALID_REQUEST, "returnTo must be a path on this site.");
	}

}
