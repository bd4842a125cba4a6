package io.authstack.bff.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The Redis deny-list that makes Keycloak's self-contained tokens revocable: by session ({@code bl:sid}),
 * by token ({@code bl:jti}) and by user ({@code bl:user}, an epoch second before which every token of the
 * user is void). A check is one {@code MGET}. Redis failures propagate as Spring's
 * {@link org.springframework.dao.DataAccessException}: the caller fails closed.
 *
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V7.4.1</a>
 */
@Component
public final class RevocationStore {

	/** Sets the key to the epoch second unless it already holds a later one; either way its TTL is renewed. */
	private static final RedisScript<Long> KEEP_LATEST = RedisScript.of("""
			local current = tonumber(redis.call('GET', KEYS[1]) or '0')
			local wanted = tonumber(ARGV[1])
			if wanted > current then current = wanted end
			redis.call('SET', KEYS[1], tostring(current), 'EX', ARGV[2])
			return current
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RevocationProperties properties;

	public RevocationStore(StringRedisTemplate redis, RevocationProperties properties) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.redis = redis;
		this.properties = properties;
	}

	/** Checks a token of session {@code sid}, with id {@code jti}, issued to {@code sub} at {@code iat}. */
	public Status check(String sid, String jti, String sub, Instant issuedAt) {
		List<String> values = this.redis.opsForValue().multiGet(keys(sid, jti, sub));
		if (values == null || values.size() != 3) {
			throw new IllegalStateException("MGET answered " + values);
		}
		if (values.get(0) != null) {
			return Status.SESSION_REVOKED;
		}
		if (values.get(1) != null) {
			return Status.TOKEN_REVOKED;
		}
		if (values.get(2) != null && issuedAt.getEpochSecond() <= Long.parseLong(values.get(2))) {
			return Status.USER_REVOKED;
		}
		return Status.ACTIVE;
	}

	/**
	 * The keys a {@link #check} reads, in this order: session, token, user; for a script that checks them on
	 * its way to something else (the refresh rotation's lock).
	 */
	public static List<String> keys(String sid, String jti, String sub) {
		return List.of(sessionKey(sid), tokenKey(jti), userKey(sub));
	}

	public void revokeSession(String sid) {
		this.redis.opsForValue().set(sessionKey(sid), "1", this.properties.sessionTtl());
	}

	/** Revokes one token for the rest of its life (a zero or negative life needs no entry). */
	public void revokeToken(String jti, Duration remainingLife) {
		if (!remainingLife.isNegative() && !remainingLife.isZero()) {
			this.redis.opsForValue().set(tokenKey(jti), "1", remainingLife);
		}
	}

	/**
	 * Voids every token of the user issued up to {@code notBefore}: password reset, "log out everywhere", an
	 * admin disabling the user. The mark only ever moves forward: a late or replayed revocation with an older
	 * time cannot bring tokens back.
	 */
	public void revokeUser(String sub, Instant notBefore) {
		this.redis.execute(KEEP_LATEST, List.of(userKey(sub)), Long.toString(notBefore.getEpochSecond()),
				Long.toString(this.properties.userTtl().toSeconds()));
	}

	static String sessionKey(String sid) {
		return "bl:sid:" + sid;
	}

	/** The deny-list key of one token. */
	public static String tokenKey(String jti) {
		return "bl:jti:" + jti;
	}

	static String userKey(String sub) {
		return "bl:user:" + sub;
	}

	/** What the deny-list says about a token. */
	public enum Status {

		ACTIVE, SESSION_REVOKED, TOKEN_REVOKED, USER_REVOKED

	}

}
