package io.authstack.bff.metrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The BFF's one {@link StringRedisTemplate}, in place of Spring Boot's, with every command timed
 * ({@link RedisMeters}). Every operation of the template, scripts included, ends in
 * {@link StringRedisTemplate#execute(RedisCallback, boolean, boolean)}: one command, one sample.
 */
@Configuration(proxyBeanMethods = false)
class RedisTemplateConfiguration {

	@Bean
	StringRedisTemplate stringRedisTemplate(RedisConnectionFactory connections, RedisMeters meters) {
		return new TimedRedisTemplate(connections, meters);
	}

	private static final class TimedRedisTemplate extends StringRedisTemplate {

		private final RedisMeters meters;

		TimedRedisTemplate(RedisConnectionFactory connections, RedisMeters meters) {
			super(connections);
			this.meters = meters;
		}

		@Override
		public <T> T execute(RedisCallback<T> action, boolean exposeConnection, boolean pipeline) {
			return this.meters.timed(RedisMeters.Client.TEMPLATE,
					() -> super.execute(action, exposeConnection, pipeline));
		}

	}

}
