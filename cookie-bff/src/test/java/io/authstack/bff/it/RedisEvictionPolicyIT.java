package io.authstack.bff.it;

import java.nio.file.Path;

import io.authstack.bff.BffApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every deny-list entry has a TTL, so a Redis that evicts keys with one would bring revoked sessions back under
 * memory pressure: the BFF refuses to start against it, and says why.
 */
class RedisEvictionPolicyIT {

	private final RedisProcess evicting = new RedisProcess(Path.of("target/redis-evicting-it.log"), "volatile-lru");

	@AfterEach
	void stopRedis() {
		this.evicting.stop();
	}

	@Test
	void aRedisThatEvictsKeysWithATtlIsRefusedAtStartWithTheReason() {
		this.evicting.start();
		SpringApplication bff = new SpringApplication(BffApplication.class);
		bff.setWebApplicationType(WebApplicationType.NONE);
		bff.setAdditionalProfiles("dev");

		assertThatThrownBy(() -> bff.run("--spring.data.redis.port=" + this.evicting.port(),
				"--spring.data.redis.password=" + this.evicting.password()))
			.hasMessageContaining("maxmemory-policy volatile-lru")
			.hasMessageContaining("noeviction");
	}

}
