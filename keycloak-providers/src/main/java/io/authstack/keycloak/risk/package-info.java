/**
 * Device and network risk checks at login: the {@code device-risk} authenticator
 * ({@link io.authstack.keycloak.risk.DeviceRiskAuthenticatorFactory#PROVIDER_ID}).
 * <h2>How it works</h2>
 * <ul>
 * <li>Placed after the password step of the browser flow and in the direct-grant flow (the realm in
 * {@code realm-config/} ships both, with {@code notify}). Settings per execution, in the admin console:
 * {@link io.authstack.keycloak.risk.DeviceRiskConfigProperties}.</li>
 * <li>Fingerprint: HMAC-SHA256 under the server key {@code --spi-authenticator--device-risk--fingerprint-key}
 * of User-Agent, Accept-Language, Sec-CH-UA, Sec-CH-UA-Platform and, in browser flows, the random
 * {@code AUTHSTACK_DEVICE} cookie ({@link io.authstack.keycloak.risk.DeviceFingerprinter}).</li>
 * <li>Network: the IPv4 /24 or IPv6 /64 of the client address as Keycloak resolved it (X-Forwarded-For only
 * from {@code --proxy-trusted-addresses}) ({@link io.authstack.keycloak.risk.IpPrefix}).</li>
 * <li>Known devices: the admin-only, multivalued user attribute {@code authstack_known_devices}, declared in
 * the realm's user profile ({@link io.authstack.keycloak.risk.KnownDeviceStore} says why not an entity);
 * newest N kept, each with first and last sign-in, last network and a label such as "Firefox on Linux".</li>
 * <li>Learning: only when the whole login succeeded, from the {@code LOGIN} event
 * ({@link io.authstack.keycloak.risk.DeviceRiskEventListenerProvider}, a global listener).</li>
 * <li>Reasons {@code new_device}, {@code new_ip_prefix}, {@code recent_failures} go into the {@code LOGIN} and
 * {@code LOGIN_ERROR} events ({@code risk_reasons}, {@code device_label}).</li>
 * <li>Actions: {@code notify} (a "new sign-in" email once the login succeeded), {@code require_otp} (as
 * {@code notify}, and users with an authenticator app enter its code: Keycloak's OTP form in the browser, the
 * {@code otp} parameter in the direct grant, {@code invalid_grant}/{@code otp_required} until it comes),
 * {@code require_email_approval}
 * (an expiring link approving exactly this device, once, by a POST of the page it opens, never by opening it:
 * {@link io.authstack.keycloak.risk.DeviceApprovalActionTokenHandler}; direct grant answers
 * {@code invalid_grant}/{@code device_approval_required}) and {@code deny} ({@code invalid_grant}/
 * {@code device_denied}, or an error page).</li>
 * </ul>
 */
package io.authstack.keycloak.risk;
