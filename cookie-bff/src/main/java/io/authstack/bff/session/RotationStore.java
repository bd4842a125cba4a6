package io.authstack.bff.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.authstack.bff.keycloak.RefreshClaims;
import io.authstack.bff.revocation.RevocationStore;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The Redis side of a refresh rotation, two round trips when nothing races: {@link #begin} reads the deny-list
 * and takes the rotation lock in one script, {@link #finish} leaves the result and deny-lists the rotated token
 * in another. The scripts touch the deny-list's keys and the rotation's own, so they need one Redis (a
 * primary with replicas, or Sentinel), not a Redis Cluster, whose keys would sit in different slots.
 */
@Component
final class RotationStore {

	/**
	 * KEYS: the deny-list's session, token and user keys, then the rotation's lock and result. ARGV: the
	 * token's {@code iat}, {@code 1} to take the lock, the lock's life in milliseconds. The session and user
	 * marks come first: a revoked session is not shared a rotation's result.
	 */
	private static final RedisScript<List> BEGIN = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return {'revoked'} end
			local user = redis.call('GET', KEYS[3])
			if user and tonumber(ARGV[1]) <= tonumber(user) then return {'revoked'} end
			if redis.call('EXISTS', KEYS[2]) == 1 then
				local result = redis.call('GET', KEYS[5])
				if result then return {'rotated', result} end
				return {'rotated'}
			end
			if ARGV[2] ~= '1' then return {'active'} end
			if redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[3]) then return {'rotate'} end
			return {'in_flight'}
			""", List.class);

	/** KEYS: the rotation's result, the rotated token's deny-list key. ARGV: result, its life, the token's, in ms. */
	private static final RedisScript<Long> FINISH = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[2], '1', 'PX', ARGV[3]) end
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RefreshProperties properties;

	RotationStore(StringRedisTemplate redis, RefreshProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * What the deny-list says of the token, and the lock when the token is still active and {@code takeLock}:
	 * a request whose binding is already refused must not hold up the rotation of the owner's next refresh.
	 */
	Start begin(String sessionId, RefreshClaims claims, boolean takeLock) {
		List<String> keys = new ArrayList<>(RevocationStore.keys(sessionId, claims.tokenId(), claims.subject()));
		keys.add(lockKey(claims.tokenId()));
		keys.add(resultKey(claims.tokenId()));
		List<?> answer = this.redis.execute(BEGIN, keys, Long.toString(claims.issuedAt().getEpochSecond()),
				takeLock ? "1" : "0", Long.toString(this.properties.lockTimeout().toMillis()));
		if (answer == null || answer.isEmpty()) {
			throw new IllegalStateException("rotation script answered " + answer);
		}
		State state = State.valueOf(answer.get(0).toString().toUpperCase(Locale.ROOT));
		return new Start(state, (answer.size() > 1) ? answer.get(1).toString() : null);
	}

	/**
	 * Leaves the result for the requests that share it, as long as the lock lived, so that every request that
	 * arrived in flight finds it; deny-lists the rotated token for the rest of its life.
	 */
	void finish(String tokenId, String result, Duration tokenLife) {
		this.redis.execute(FINISH, List.of(resultKey(tokenId), RevocationStore.tokenKey(tokenId)), result,
				Long.toString(this.properties.lockTimeout().toMillis()), Long.toString(Math.max(0, tokenLife.toMillis())));
	}

	/** Lets go of a rotation that failed, so that the next refresh tries again. */
	void release(String tokenId) {
		this.redis.delete(lockKey(tokenId));
	}

	/** The result of a rotation another request finished, if it has. */
	String result(String tokenId) {
		return this.redis.opsForValue().get(resultKey(tokenId));
	}

	/** Whether another request still holds the rotation. */
	boolean inFlight(String tokenId) {
		return Boolean.TRUE.equals(this.redis.hasKey(lockKey(tokenId)));
	}

	private static String resultKey(String jti) {
		return "rot:" + jti;
	}

	private static String lockKey(String jti) {
		return "lock:rot:" + jti;
	}

	/** Where a refresh stands once {@link #begin} has read the deny-list. */
	enum State {

		/** The session or the user was revoked. */
		REVOKED,
		/** Rotated before: the result, if it is still kept, may be shared. */
		ROTATED,
		/** Still active; no lock was asked for. */
		ACTIVE,
		/** Still active, and this request holds the lock: it rotates at Keycloak. */
		ROTATE,
		/** Still active, and another request is rotating it. */
		IN_FLIGHT

	}

	/**
	 * @param state where the refresh stands
	 * @param result the kept result of a finished rotation, or {@code null}
	 */
	record Start(State state, String result) {
	}

}
