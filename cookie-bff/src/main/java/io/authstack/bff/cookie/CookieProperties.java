package io.authstack.bff.cookie;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The session cookies: their names and the key ring that seals them.
 *
 * @param keys the key ring; the first key seals, every key opens, so a new key goes first and an old one
 * stays until the cookies it sealed have expired
 * @param accessName the access cookie's name ({@code __Host-} prefix: {@code Path=/}, no {@code Domain})
 * @param refreshName the refresh cookie's name ({@code __Secure-} prefix: it needs the narrower path)
 * @param refreshPath the only path the refresh cookie is sent to
 * @param loginName the cookie holding a redirect login's {@code state}, {@code nonce} and PKCE verifier
 * @param loginMaxAge how long a redirect login may take
 * @param googleNonceName the cookie holding the nonce of a "Sign in with Google" in this browser
 * @param googleNonceMaxAge how long a nonce handed to Google Identity Services stays good (from the page asking
 * for it to the person picking an account)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6265bis#section-4.1.3">Cookie name prefixes</a>
 */
@Validated
@ConfigurationProperties("authstack.bff.cookie")
public record CookieProperties(@NotEmpty @Valid List<Key> keys, @NotBlank String accessName,
		@NotBlank String refreshName, @NotBlank String refreshPath, @NotBlank String loginName, Duration loginMaxAge,
		@NotBlank String googleNonceName, Duration googleNonceMaxAge) {

	public CookieProperties {
		keys = (keys != null) ? List.copyOf(keys) : List.of();
		accessName = (accessName != null) ? accessName : "__Host-Http-access";
		refreshName = (refreshName != null) ? refreshName : "__Secure-Http-refresh";
		refreshPath = (refreshPath != null) ? refreshPath : "/api/auth";
		loginName = (loginName != null) ? loginName : "__Host-Http-login";
		loginMaxAge = (loginMaxAge != null) ? loginMaxAge : Duration.ofMinutes(10);
		googleNonceName = (googleNonceName != null) ? googleNonceName : "__Host-Http-google-nonce";
		googleNonceMaxAge = (googleNonceMaxAge != null) ? googleNonceMaxAge : Duration.ofMinutes(10);
	}

	/**
	 * One key of the ring.
	 *
	 * @param kid the key id written in the JWE header
	 * @param secret 256 random bits, base64url or base64 encoded
	 */
	public record Key(@NotBlank String kid, @NotBlank String secret) {

		@Override
		public String toString() {
			// The secret never reaches a log line, even through a failed binding's message.
			return "Key[kid=" + this.kid + "]";
		}

	}

}
