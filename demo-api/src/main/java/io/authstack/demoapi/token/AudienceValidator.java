package io.authstack.demoapi.token;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.Assert;

/**
 * Accepts a token only when its {@code aud} names this API. A signed, unexpired token of the realm issued to the
 * BFF for itself is not one: the BFF must exchange it for one meant for this API, so that a token stolen from one
 * service cannot be replayed at another.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4: the resource server MUST validate
 * that the aud claim contains its identifier</a>
 */
public final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	/**
	 * The one instance every failure returns, so that the problem advice can tell a wrong audience from any other
	 * invalid token ({@link #rejected}). {@code invalid_token} is RFC 6750's error for it: the token is valid, but
	 * not for this resource.
	 */
	private static final OAuth2Error WRONG_AUDIENCE = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token's audience is not this API", null);

	private final String audience;

	public AudienceValidator(String audience) {
		Assert.hasText(audience, "audience cannot be empty");
		this.audience = audience;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		if (token.getAudience() != null && token.getAudience().contains(this.audience)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(WRONG_AUDIENCE);
	}

	/** Whether {@code failure} (as the resource server reports it) is this validator's refusal. */
	public static boolean rejected(AuthenticationException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return invalid.getErrors().stream().anyMatch((error) -> error == WRONG_AUDIENCE);
			}
		}
		return false;
	}

}
