package org.ctims.gateway.security;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;

/**
 * One filter chain for both kinds of callers: people in a browser (session cookie from the
 * Keycloak login, CSRF token on every change) and machine clients (their own bearer token, no
 * session, no CSRF: Spring Security exempts bearer requests from CSRF on its own).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String LOGIN_PATH = "/oauth2/authorization/" + KeycloakClientRegistrationConfiguration.REGISTRATION_ID;

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
            ReactiveClientRegistrationRepository clients, OidcProperties oidc) {
        ServerAuthenticationEntryPoint apiEntryPoint = new ApiProblemEntryPoint();
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        // the sign-in-unavailable page is drawn in the product's look
                        .pathMatchers(HttpMethod.GET, "/app.css").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(apiEntryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint(apiEntryPoint))
                        .accessDeniedHandler(accessDenied))
                .csrf(csrf -> csrf
                        // the page reads the cookie and echoes it in X-XSRF-TOKEN (or a form's _csrf)
                        .csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        // plain handler: the raw cookie value is accepted (the XOR variant expects a masked one)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler(accessDenied))
                .addFilterAt(new SignInUnavailableWebFilter(LOGIN_PATH, oidc), SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(new CsrfCookieWebFilter(), SecurityWebFiltersOrder.CSRF)
                .addFilterAfter(new NoStoreApiAnswersWebFilter(), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                .logout(logout -> logout.logoutSuccessHandler(keycloakLogout(clients)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(oidc)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** The page loads nothing from elsewhere; its sign-out form ends up at Keycloak's logout endpoint. */
    static String contentSecurityPolicy(OidcProperties oidc) {
        URI issuer = URI.create(oidc.issuerUri());
        String keycloakOrigin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self' "
                + keycloakOrigin;
    }

    /** API paths get a 401 they can act on; everything else (the web client) goes to the login page. */
    private static ServerAuthenticationEntryPoint entryPoint(ServerAuthenticationEntryPoint apiEntryPoint) {
        DelegatingServerAuthenticationEntryPoint entryPoint =
                new DelegatingServerAuthenticationEntryPoint(new DelegateEntry(pathMatchers("/api/**"), apiEntryPoint));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN_PATH));
        return entryPoint;
    }

    /** Signing out of CTIMS also ends the Keycloak session, or the next visit would sign in silently. */
    private static ServerLogoutSuccessHandler keycloakLogout(ReactiveClientRegistrationRepository clients) {
        OidcClientInitiatedServerLogoutSuccessHandler handler = new OidcClientInitiatedServerLogoutSuccessHandler(clients);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        // without a Keycloak login to end (e.g. the session already timed out) just go home
        handler.setLogoutSuccessUrl(URI.create("/"));
        return handler;
    }
}
