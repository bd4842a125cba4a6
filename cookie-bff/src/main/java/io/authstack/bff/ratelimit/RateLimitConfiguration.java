package io.authstack.bff.ratelimit;

import java.time.Duration;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Bucket4j's buckets live in the same Redis as the deny-list. Bucket4j needs a Jedis client of its own, and
 * Spring's connection factory does not lend its pool, so this one is built from the settings Spring already
 * applied to the factory (host, credentials, database, TLS, timeouts): {@code spring.data.redis.*} configures
 * both.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	/** Fail closed, and fast: a limiter that cannot reach Redis within this refuses the call. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	/** Request threads that wait for a connection at once; the others are refused after the timeout. */
	private static final int MAX_CONNECTIONS = 16;

	/**
	 * How often idle connections are pinged. After a Redis restart every idle connection is dead and fails
	 * the call that borrows it (Jedis then drops it); pinging them bounds that to a few seconds.
	 */
	private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(5);

	@Bean(destroyMethod = "close")
	JedisPooled rateLimitRedis(JedisConnectionFactory redis) {
		Assert.state(!redis.isRedisClusterAware() && !redis.isRedisSentinelAware(),
				"The login rate limits need a standalone Redis (spring.data.redis.host), not a cluster or sentinels");
		RedisStandaloneConfiguration server = redis.getStandaloneConfiguration();
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(MAX_CONNECTIONS);
		pool.setMaxIdle(MAX_CONNECTIONS);
		pool.setMaxWait(REQUEST_TIMEOUT);
		pool.setTestWhileIdle(true);
		pool.setTimeBetweenEvictionRuns(IDLE_CHECK_INTERVAL);
		return new JedisPooled(new HostAndPort(server.getHostName(), server.getPort()),
				clientConfig(server, redis.getClientConfiguration()), pool);
	}

	@Bean
	TokenBuckets tokenBuckets(JedisPooled rateLimitRedis) {
		return new TokenBuckets(Bucket4jJedis.casBasedBuilder(rateLimitRedis)
			.keyMapper(Mapper.STRING)
			// A bucket that has filled up again is the same as no bucket: let Redis forget it.
			.expirationAfterWrite(ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build());
	}

	@Bean
	LoginRateLimiter loginRateLimiter(TokenBuckets tokenBuckets, RateLimitProperties properties) {
		return new LoginRateLimiter(tokenBuckets, properties);
	}

	@Bean
	AccountRateLimiter accountRateLimiter(TokenBuckets tokenBuckets, RateLimitProperties properties) {
		return new AccountRateLimiter(tokenBuckets, properties);
	}

	private static JedisClientConfig clientConfig(RedisStandaloneConfiguration server,
			JedisClientConfiguration client) {
		return DefaultJedisClientConfig.builder()
			.user(server.getUsername())
			.password(server.getPassword().map(String::new).orElse(null))
			.database(server.getDatabase())
			.clientName(client.getClientName().orElse(null))
			.connectionTimeoutMillis(Math.toIntExact(client.getConnectTimeout().toMillis()))
			.socketTimeoutMillis(Math.toIntExact(client.getReadTimeout().toMillis()))
			.ssl(client.isUseSsl())
			.sslSocketFactory(client.getSslSocketFactory().orElse(null))
			.sslParameters(client.getSslParameters().orElse(null))
			.hostnameVerifier(client.getHostnameVerifier().orElse(null))
			.build();
	}

}
