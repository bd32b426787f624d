package org.ctims.gateway.security;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import reactor.netty.http.client.HttpClient;

/**
 * The gateway's calls to Keycloak's token endpoint (a sign-in's code exchange, the refresh of an
 * expired access token) with time limits: without them a Keycloak that does not answer holds the
 * user's request until the operating system gives up. A call Keycloak does not answer becomes a
 * {@link KeycloakUnavailableException}. Spring Security picks both clients up as beans (the
 * sign-in and the authorized-client manager that Spring Cloud Gateway's TokenRelay uses).
 */
@Configuration(proxyBeanMethods = false)
class KeycloakCallsConfiguration {

    @Bean
    ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenResponseClient(
            OidcProperties oidc) {
        WebClientReactiveAuthorizationCodeTokenResponseClient client = new WebClientReactiveAuthorizationCodeTokenResponseClient();
        client.setWebClient(webClient(oidc));
        return request -> client.getTokenResponse(request).onErrorMap(KeycloakCallsConfiguration::unanswered,
                KeycloakUnavailableException::new);
    }

    @Bean
    ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenResponseClient(OidcProperties oidc) {
        WebClientReactiveRefreshTokenTokenResponseClient client = new WebClientReactiveRefreshTokenTokenResponseClient();
        client.setWebClient(webClient(oidc));
        return request -> client.getTokenResponse(request).onErrorMap(KeycloakCallsConfiguration::unanswered,
                KeycloakUnavailableException::new);
    }

    /** A client whose calls to Keycloak connect within the connect timeout and are answered within the timeout. */
    static WebClient webClient(OidcProperties oidc) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) oidc.connectTimeout().toMillis())
                .responseTimeout(oidc.timeout());
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** Refused, reset or timed out: Keycloak is not there (an error answer from Keycloak is not this). */
    static boolean unanswered(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebClientRequestException || cause instanceof IOException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
