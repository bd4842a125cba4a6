package io.authstack.demoapi.token;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceValidatorTest {

	private final AudienceValidator validator = new AudienceValidator("demo-api");

	@Test
	void tokenWhoseAudienceNamesTheApiAmongOthersIsAccepted() {
		assertThat(this.validator.validate(token(List.of("account", "demo-api"))).hasErrors()).isFalse();
	}

	@Test
	void tokenForAnotherAudienceIsRejectedAndRecognisedAsSuch() {
		OAuth2TokenValidatorResult result = this.validator.validate(token(List.of("authstack-bff")));

		assertThat(result.getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getErrorCode()).isEqualTo("invalid_token"));
		// As the resource server reports it: the decoder's exception inside the bearer-token one.
		InvalidBearerTokenException reported = new InvalidBearerTokenException("invalid",
				new JwtValidationException("invalid", result.getErrors()));
		assertThat(AudienceValidator.rejected(reported)).isTrue();
	}

	@Test
	void tokenWithoutAudienceIsRejected() {
		assertThat(this.validator.validate(token(null)).hasErrors()).isTrue();
	}

	@Test
	void otherInvalidTokensAreNotTakenForAWrongAudience() {
		assertThat(AudienceValidator.rejected(new InvalidBearerTokenException("Malformed token"))).isFalse();
	}

	private static Jwt token(List<String> audience) {
		Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-1");
		if (audience != null) {
			builder.audience(audience);
		}
		return builder.build();
	}

}
