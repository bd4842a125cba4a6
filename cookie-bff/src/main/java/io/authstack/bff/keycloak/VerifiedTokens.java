package io.authstack.bff.keycloak;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The access tokens verified in full lately, so a session check verifies Keycloak's signature once per token
 * rather than on every request: the token comes out of a cookie whose AES-GCM tag proves the BFF sealed it, and
 * the BFF seals only tokens it has verified. Bounded (least recently used goes first), keyed by the token's
 * SHA-256 (never {@code hashCode}, which anyone can collide), and emptied when the realm's keys change.
 */
final class VerifiedTokens {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(VerifiedTokens::sha256);

	private final Map<ByteBuffer, AccessToken> tokens;

	private long generation;

	VerifiedTokens(int capacity) {
		this.tokens = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<ByteBuffer, AccessToken> eldest) {
				return size() > capacity;
			}

		};
	}

	/** The key of a token in this cache: its SHA-256. */
	static ByteBuffer key(String token) {
		return ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
	}

	/** The token as verified with the keys of {@code generation}, or null. */
	synchronized AccessToken get(ByteBuffer key, long generation) {
		if (generation != this.generation) {
			this.tokens.clear();
			this.generation = generation;
			return null;
		}
		return this.tokens.get(key);
	}

	/** Remembers a token verified with the keys of {@code generation}. */
	synchronized void put(ByteBuffer key, AccessToken verified, long generation) {
		if (generation != this.generation) {
			this.tokens.clear();
			this.generation = generation;
		}
		this.tokens.put(key, verified);
	}

	synchronized int size() {
		return this.tokens.size();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK lacks SHA-256", ex);
		}
	}

}
