package org.ctims.gateway.security;

import org.ctims.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * 401 as problem details for API calls: a script or the page's {@code fetch} needs a status it can
 * act on, not a redirect to an HTML login page.
 */
final class ApiProblemEntryPoint implements ServerAuthenticationEntryPoint {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean bearerSent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null;
        // RFC 6750: tell bearer clients that their token was the problem.
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                bearerSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = bearerSent
                ? "The bearer token is missing, expired or not valid for CTIMS."
                : "Sign in first, or send a bearer token.";
        return Problems.write(exchange,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed in", detail));
    }
}
