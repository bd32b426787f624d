package org.ctims.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Where the gateway signs users in.
 *
 * @param issuerUri the Keycloak realm's issuer, e.g. http://127.0.0.1:8180/realms/ctims
 * @param clientId the confidential client the gateway uses
 * @param clientSecret its secret (from the environment only)
 * @param connectTimeout how long a call to Keycloak may take to connect (default 2 s)
 * @param timeout how long Keycloak may take to answer a call once connected (default 5 s)
 */
@ConfigurationProperties("ctims.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret, Duration connectTimeout,
        Duration timeout) {

    @ConstructorBinding
    public OidcProperties {
        issuerUri = stripTrailingSlash(issuerUri);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    /** With the default time limits. */
    public OidcProperties(String issuerUri, String clientId, String clientSecret) {
        this(issuerUri, clientId, clientSecret, null, null);
    }

    private static String stripTrailingSlash(String uri) {
        return uri != null && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
