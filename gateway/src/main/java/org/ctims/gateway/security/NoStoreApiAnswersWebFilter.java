package org.ctims.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * API answers carry student data: no browser or proxy may keep them, whatever the service said
 * (Spring Security's own cache headers step aside as soon as a relayed answer has any).
 */
final class NoStoreApiAnswersWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.setCacheControl("no-store");
                headers.setPragma("no-cache");
                headers.remove(HttpHeaders.EXPIRES);
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
