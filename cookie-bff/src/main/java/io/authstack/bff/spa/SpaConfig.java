package io.authstack.bff.spa;

/**
 * The login methods the demo SPA may offer, as it reads them at start.
 *
 * @param passwordLogin whether {@code POST /api/auth/login} is enabled
 * @param googleClientId the Google client id for the Google button, or {@code null} when Google is not
 * configured
 * @param demoApi the relayed path the "Call the API" panel asks, or {@code null} when there is none
 */
public record SpaConfig(boolean passwordLogin, String googleClientId, String demoApi) {

}
