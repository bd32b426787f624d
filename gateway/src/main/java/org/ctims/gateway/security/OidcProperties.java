package org.ctims.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway signs users in.
 *
 * @param issuerUri the Keycloak realm's issuer, e.g. http://127.0.0.1:8180/realms/ctims
 * @param clientId the confidential client the gateway uses
 * @param clientSecret its secret (from the environment only)
 */
@ConfigurationProperties("ctims.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret) {

    public OidcProperties {
        issuerUri = stripTrailingSlash(issuerUri);
    }

    private static String stripTrailingSlash(String uri) {
        return uri != null && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
