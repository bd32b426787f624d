package org.ctims.gateway.security;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The Keycloak login registration, built from the issuer without OIDC discovery.
 *
 * <p>Spring Boot's {@code issuer-uri} property fetches Keycloak's discovery document while the
 * gateway starts, so the gateway could not start before Keycloak (or in tests without it).
 * Keycloak's endpoint paths below the issuer are fixed, so we name them here; the issuer is still
 * set, so ID tokens from any other issuer are rejected.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
class KeycloakClientRegistrationConfiguration {

    static final String REGISTRATION_ID = "keycloak";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrationRepository(OidcProperties oidc) {
        return new InMemoryReactiveClientRegistrationRepository(keycloak(oidc));
    }

    static ClientRegistration keycloak(OidcProperties oidc) {
        String endpoints = oidc.issuerUri() + "/protocol/openid-connect";
        return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Keycloak")
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(oidc.issuerUri())
                .authorizationUri(endpoints + "/auth")
                .tokenUri(endpoints + "/token")
                .jwkSetUri(endpoints + "/certs")
                .userInfoUri(endpoints + "/userinfo")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                // read by OidcClientInitiatedServerLogoutSuccessHandler to end the Keycloak session too
                .providerConfigurationMetadata(Map.of("end_session_endpoint", endpoints + "/logout"))
                .build();
    }
}
