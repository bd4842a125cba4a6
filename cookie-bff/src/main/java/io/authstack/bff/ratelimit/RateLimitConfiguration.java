package io.authstack.bff.ratelimit;

import java.time.Duration;

import io.authstack.bff.metrics.RateLimitMeters;
import io.authstack.bff.metrics.RedisMeters;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
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
 * applied to the factory (host, credentials, database, TLS, timeouts, and the pool's size, wait and idle
 * checks): {@code spring.data.redis.*} configures both pools alike.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean(destroyMethod = "close")
	JedisPooled rateLimitRedis(JedisConnectionFactory redis) {
		Assert.state(!redis.isRedisClusterAware() && !redis.isRedisSentinelAware(),
				"The login rate limits need a standalone Redis (spring.data.redis.host), not a cluster or sentinels");
		RedisStandaloneConfiguration server = redis.getStandaloneConfiguration();
		JedisClientConfiguration client = redis.getClientConfiguration();
		return new JedisPooled(new HostAndPort(server.getHostName(), server.getPort()), clientConfig(server, client),
				poolConfig(client));
	}

	@Bean
	TokenBuckets tokenBuckets(JedisPooled rateLimitRedis, RateLimitMeters limited, RedisMeters redis) {
		return new TokenBuckets(Bucket4jJedis.casBasedBuilder(rateLimitRedis)
			.keyMapper(Mapper.STRING)
			// A bucket that has filled up again is the same as no bucket: let Redis forget it.
			.expirationAfterWrite(ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build(), limited, redis);
	}

	@Bean
	LoginRateLimiter loginRateLimiter(TokenBuckets tokenBuckets, RateLimitProperties properties) {
		return new LoginRateLimiter(tokenBuckets, properties);
	}

	@Bean
	AccountRateLimiter accountRateLimiter(TokenBuckets tokenBuckets, RateLimitProperties properties) {
		return new AccountRateLimiter(tokenBuckets, properties);
	}

	/** Pool settings hold no pooled objects, so Spring's, typed for its {@code Jedis}, serve a pool of connections. */
	@SuppressWarnings("unchecked")
	private static GenericObjectPoolConfig<Connection> poolConfig(JedisClientConfiguration client) {
		return client.getPoolConfig().orElseGet(ConnectionPoolConfig::new);
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
