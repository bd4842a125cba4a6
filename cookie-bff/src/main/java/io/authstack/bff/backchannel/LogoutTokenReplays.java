package io.authstack.bff.backchannel;

import java.time.Duration;

import io.authstack.bff.keycloak.KeycloakProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The {@code jti}s of the logout tokens the BFF has acted on, in Redis for as long as such a token can be
 * accepted at all ({@link #MAX_AGE} plus the clock skew either side), so a logout token captured on the way can
 * be used only once, by any replica.
 *
 * @see <a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation">OIDC Back-Channel
 * Logout 1.0 §2.6, step 7 (the RP may reject a jti it has seen)</a>
 */
@Component
final class LogoutTokenReplays {

	/**
	 * How old a logout token may be. Keycloak posts it the moment it signs it, so anything older was held back
	 * by someone; the bound is also what keeps the {@code jti} cache small.
	 */
	static final Duration MAX_AGE = Duration.ofMinutes(2);

	private final StringRedisTemplate redis;

	private final Duration remembered;

	LogoutTokenReplays(StringRedisTemplate redis, KeycloakProperties properties) {
		Assert.notNull(redis, "redis cannot be null");
		this.redis = redis;
		this.remembered = MAX_AGE.plus(properties.clockSkew().multipliedBy(2));
	}

	/** Records {@code jti}; false when it was recorded before, that is, when the token is a replay. */
	boolean firstUse(String jti) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent("lt:jti:" + jti, "1", this.remembered));
	}

}
