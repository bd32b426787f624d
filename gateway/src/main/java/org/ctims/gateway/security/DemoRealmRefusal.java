package org.ctims.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoderFactory;

/**
 * With the {@code production} profile the gateway, like every service, refuses what the demo realm
 * issued: every demo token carries the marker claim {@value #DEMO_REALM_CLAIM} (the production
 * realm never does), and the demo realm's users and secrets are public. A bearer token with it is
 * a 401; an ID token with it ends the sign-in (back to the login with an error).
 */
@Configuration(proxyBeanMethods = false)
@Profile("production")
class DemoRealmRefusal {

    static final String DEMO_REALM_CLAIM = "ctims_demo";

    /** Spring Boot adds it to the bearer-token decoder's issuer, audience and expiry checks. */
    @Bean
    OAuth2TokenValidator<Jwt> demoRealmBearerTokensRefused() {
        return demoRealmRefused();
    }

    /** Used by the sign-in for the ID token, next to OIDC's own checks (issuer, audience, nonce, expiry). */
    @Bean
    ReactiveJwtDecoderFactory<ClientRegistration> idTokenDecoderFactory() {
        ReactiveOidcIdTokenDecoderFactory factory = new ReactiveOidcIdTokenDecoderFactory();
        factory.setJwtValidatorFactory(registration -> new DelegatingOAuth2TokenValidator<>(
                new OidcIdTokenValidator(registration), demoRealmRefused()));
        return factory;
    }

    private static OAuth2TokenValidator<Jwt> demoRealmRefused() {
        return new JwtClaimValidator<Object>(DEMO_REALM_CLAIM, claim -> claim == null);
    }
}
