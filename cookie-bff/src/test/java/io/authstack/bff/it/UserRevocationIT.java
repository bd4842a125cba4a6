package io.authstack.bff.it;

import java.time.Instant;
import java.util.UUID;

import io.authstack.bff.revocation.RevocationStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's "not before" only moves forward: a late or replayed revocation (a back-channel logout token sent
 * again, an admin event delivered twice) carrying an older time cannot bring the user's tokens back.
 */
class UserRevocationIT extends BffIntegrationTest {

	@Autowired
	private RevocationStore revocations;

	@Test
	void anOlderRevocationAfterANewerOneLeavesTheNewerInForce() {
		String user = UUID.randomUUID().toString();
		Instant older = Instant.parse("2026-01-01T10:00:00Z");
		Instant newer = older.plusSeconds(600);
		Instant issuedBetween = older.plusSeconds(300);

		this.revocations.revokeUser(user, newer);
		this.revocations.revokeUser(user, older);

		assertThat(this.revocations.check("sid-" + user, "jti-" + user, user, issuedBetween))
			.isEqualTo(RevocationStore.Status.USER_REVOKED);
		assertThat(this.revocations.check("sid-" + user, "jti-" + user, user, newer.plusSeconds(1)))
			.isEqualTo(RevocationStore.Status.ACTIVE);
	}

}
