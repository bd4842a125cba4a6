/**
 * Brute-force protection that an attacker cannot turn against the account's owner: the
 * {@code bruteForceProtector} provider {@value io.authstack.keycloak.lockout.NetworkBruteForceProtectorFactory#PROVIDER_ID}
 * ({@link io.authstack.keycloak.lockout.NetworkBruteForceProtectorFactory}), made the default at build time with
 * {@code --spi-brute-force-protector--provider=authstack-network}.
 * <h2>The policy</h2>
 * <ul>
 * <li>Failures are counted twice, with the realm's own settings (failure factor, wait increment, maximum wait,
 * quick-login check, maximum delta): per user, as Keycloak does, and per user and network (IPv4 /24, IPv6 /64 of
 * the client address as Keycloak resolved it).</li>
 * <li>A network that failed for a user too often is locked out for that user, whatever its standing.</li>
 * <li>The user-wide lockout (failures from anywhere) holds back every network the user has not signed in from,
 * and no network the user has: one that a known device of the user ({@code authstack_known_devices}, learned
 * by the device-risk check) last signed in from. So wrong passwords sent from elsewhere never lock the owner
 * out at home, and a spread-out guesser still meets the user-wide limit everywhere else.</li>
 * <li>A successful login clears the user's count and that network's count; permanent lockout stays Keycloak's
 * (and must stay off: it would let anyone disable any account).</li>
 * </ul>
 */
package io.authstack.keycloak.lockout;
