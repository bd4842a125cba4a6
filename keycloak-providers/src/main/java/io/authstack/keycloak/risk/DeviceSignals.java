package io.authstack.keycloak.risk;

/**
 * The request properties a device fingerprint is made of. Any of them may be {@code null}: a client that
 * sends fewer headers simply has a coarser fingerprint.
 *
 * @param userAgent the {@code User-Agent} header
 * @param acceptLanguage the {@code Accept-Language} header
 * @param clientHintBrands the {@code Sec-CH-UA} client hint
 * @param clientHintPlatform the {@code Sec-CH-UA-Platform} client hint
 * @param deviceCookie the long-lived random device cookie; browser flows only
 * @see <a href="https://wicg.github.io/ua-client-hints/">User-Agent Client Hints</a>
 */
public record DeviceSignals(String userAgent, String acceptLanguage, String clientHintBrands,
		String clientHintPlatform, String deviceCookie) {
}
