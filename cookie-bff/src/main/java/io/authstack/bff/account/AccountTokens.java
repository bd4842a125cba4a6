package io.authstack.bff.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import tools.jackson.databind.json.JsonMapper;

/**
 * Email-verification and password-reset tokens: 256 bits from {@link SecureRandom}, handed out once (in the
 * email's link) and kept in Redis only as their SHA-256 under {@code acct:<purpose>:<hash>}, with a TTL, bound
 * to the user and the email address they were issued for. A token is spent with {@code GETDEL}: of two
 * concurrent uses exactly one gets it. The purpose is part of the key, so a verification token presented as a
 * reset token is simply not found (and stays valid for what it is).
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens">OWASP
 * Forgot Password cheat sheet: URL tokens</a>
 * @see <a href="https://github.com/OWASP/ASVS">OWASP ASVS V6.4.1, V11.5.1</a>
 */
@Component
final class AccountTokens {

	private static final int TOKEN_BYTES = 32;

	/** What a token we issued looks like; anything else is refused without a Redis call. */
	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	AccountTokens(StringRedisTemplate redis, JsonMapper json) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(json, "json cannot be null");
		this.redis = redis;
		this.json = json;
	}

	/** @return the token, to be put in the email's link and nowhere else */
	String issue(TokenPurpose purpose, String userId, String email, Duration ttl) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Grant grant = new Grant(userId, email, Instant.now().plus(ttl).getEpochSecond());
		this.redis.opsForValue().set(key(purpose, token), this.json.writeValueAsString(grant), ttl);
		return token;
	}

	/** Spends the token: present ⇒ what it was issued for, and it is gone; absent, expired or malformed ⇒ empty. */
	Optional<Grant> consume(TokenPurpose purpose, String token) {
		if (token == null || !SHAPE.matcher(token).matches()) {
			return Optional.empty();
		}
		String value = this.redis.opsForValue().getAndDelete(key(purpose, token));
		if (value == null) {
			return Optional.empty();
		}
		Grant grant = this.json.readValue(value, Grant.class);
		return (Instant.now().getEpochSecond() < grant.expiresAt()) ? Optional.of(grant) : Optional.empty();
	}

	/**
	 * Puts a spent token back for the rest of its life, when what it was spent on failed for a reason the user
	 * can fix (a password the policy refused): the link keeps working. Never overwrites.
	 */
	void restore(TokenPurpose purpose, String token, Grant grant) {
		Duration remaining = Duration.between(Instant.now(), Instant.ofEpochSecond(grant.expiresAt()));
		if (!remaining.isNegative() && !remaining.isZero()) {
			this.redis.opsForValue().setIfAbsent(key(purpose, token), this.json.writeValueAsString(grant), remaining);
		}
	}

	static String key(TokenPurpose purpose, String token) {
		return "acct:" + purpose.keyPart() + ":" + sha256(token);
	}

	private static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * What a token was issued for.
	 *
	 * @param userId the Keycloak user id
	 * @param email the user's email address at issue time (a token sent to an old address is void)
	 * @param expiresAt epoch second after which the token is void, whatever Redis still holds
	 */
	record Grant(String userId, String email, long expiresAt) {
	}

}
