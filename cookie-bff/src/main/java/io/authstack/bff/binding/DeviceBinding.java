package io.authstack.bff.binding;

/**
 * What a session is bound to: hashes of the device fingerprint and of the IP prefix, never the raw values.
 *
 * @param fingerprint base64url SHA-256 of User-Agent, Accept-Language and the low-entropy client hints
 * @param ipPrefix base64url SHA-256 of the client address masked to the configured prefix
 */
public record DeviceBinding(String fingerprint, String ipPrefix) {
}
