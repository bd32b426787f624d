package org.ctims.gateway.limits;

import org.ctims.gateway.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * A request to a service whose declared body is larger than {@code CTIMS_GATEWAY_MAX_REQUEST_SIZE}
 * is answered 413 problem details before anything is relayed (after the security checks).
 */
@Component
final class RequestSizeLimitWebFilter implements WebFilter {

    private final DataSize limit;

    RequestSizeLimitWebFilter(@Value("${ctims.gateway.max-request-size}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > limit.toBytes() && exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
            return Problems.write(exchange, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "Request too large", "The request is larger than " + limit.toMegabytes()
                            + " MB; nothing was changed. Split the file or contact the help desk."));
        }
        return chain.filter(exchange);
    }
}
