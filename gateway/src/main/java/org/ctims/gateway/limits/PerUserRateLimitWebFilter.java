package org.ctims.gateway.limits;

import org.ctims.gateway.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Limits the API calls of each signed-in person or machine client, keyed by the subject of the
 * session's ID token or of the bearer token (the same person through either counts once; never
 * the address, which a whole school may share). Runs after the security filters, so only signed-in
 * calls get here; a refused call is answered 429 with {@code Retry-After} and never relayed.
 */
@Component
final class PerUserRateLimitWebFilter implements WebFilter {

    private final TokenBuckets buckets;
    private final int perMinute;

    PerUserRateLimitWebFilter(@Value("${ctims.gateway.rate-limit.per-minute}") int perMinute,
            @Value("${ctims.gateway.rate-limit.burst}") int burst) {
        this.buckets = new TokenBuckets(perMinute, burst, System::nanoTime);
        this.perMinute = perMinute;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal -> buckets.tryTake(principal.getName()))
                .defaultIfEmpty(0L)
                .flatMap(retryAfter -> retryAfter == 0 ? chain.filter(exchange) : tooMany(exchange, retryAfter));
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, long retryAfterSeconds) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                "More requests came from your account in a short time than CTIMS accepts (" + perMinute
                        + " a minute); nothing was changed by this request. Try again in " + retryAfterSeconds
                        + " second(s).");
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        return Problems.write(exchange, problem);
    }
}
