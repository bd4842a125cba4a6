package io.authstack.bff.ratelimit;

import java.time.Duration;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j's buckets live in the same Redis as the deny-list, over a connection of the Lettuce client Spring
 * already configured (host, password, TLS, timeouts).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, byte[]> rateLimitConnection(LettuceConnectionFactory redis) {
		RedisClient client = (RedisClient) redis.getRequiredNativeClient();
		return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
	}

	@Bean
	TokenBuckets tokenBuckets(StatefulRedisConnection<String, byte[]> rateLimitConnection) {
		return new TokenBuckets(Bucket4jLettuce.casBasedBuilder(rateLimitConnection)
			.requestTimeout(REQUEST_TIMEOUT)
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

}
