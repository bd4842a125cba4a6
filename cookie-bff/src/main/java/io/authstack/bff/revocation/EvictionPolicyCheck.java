package io.authstack.bff.revocation;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start against a Redis that may evict keys with a TTL: every deny-list entry has one, so a Redis
 * under memory pressure with a {@code volatile-*} or {@code allkeys-*} policy would silently bring revoked
 * sessions back. Only {@code noeviction} is safe (Redis then refuses writes, and the BFF fails closed).
 * A Redis that cannot be reached at start is not a reason to refuse: the BFF fails closed until it answers.
 *
 * @see <a href="https://redis.io/docs/latest/develop/reference/eviction/">Redis eviction policies</a>
 */
@Component
final class EvictionPolicyCheck implements ApplicationRunner {

	static final String SAFE_POLICY = "noeviction";

	private static final Logger logger = LoggerFactory.getLogger(EvictionPolicyCheck.class);

	private final StringRedisTemplate redis;

	EvictionPolicyCheck(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public void run(ApplicationArguments args) {
		String policy;
		try {
			RedisCallback<Properties> info = (connection) -> connection.serverCommands().info("memory");
			Properties memory = this.redis.execute(info);
			policy = (memory != null) ? memory.getProperty("maxmemory_policy") : null;
		}
		catch (DataAccessException ex) {
			logger.warn("Redis did not answer at start; its eviction policy is checked at the next start: {}",
					ex.getMessage());
			return;
		}
		if (policy != null && !SAFE_POLICY.equals(policy)) {
			throw new IllegalStateException("Redis runs with maxmemory-policy " + policy
					+ ", which evicts keys with a TTL: revoked sessions would come back under memory pressure. "
					+ "Set maxmemory-policy " + SAFE_POLICY + " (redis.conf or CONFIG SET) and start again.");
		}
	}

}
