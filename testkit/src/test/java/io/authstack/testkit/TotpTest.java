package io.authstack.testkit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

	/** RFC 6238 Appendix B's SHA-1 seed, whose 8-digit vectors end in these six digits. */
	private final Totp rfcSeed = new Totp("12345678901234567890");

	@Test
	void codesMatchTheRfcTestVectors() {
		assertThat(this.rfcSeed.at(Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(this.rfcSeed.at(Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
		assertThat(this.rfcSeed.at(Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
	}

	@Test
	void wrongCodeDiffersFromTheCurrentOne() {
		assertThat(this.rfcSeed.wrong()).hasSize(6).isNotEqualTo(this.rfcSeed.now());
	}

}
