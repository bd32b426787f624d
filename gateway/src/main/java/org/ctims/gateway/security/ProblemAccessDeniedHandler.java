package org.ctims.gateway.security;

import org.ctims.gateway.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** 403 as problem details, telling a missing CSRF token apart from a missing permission. */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            return Problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "csrf",
                    "Missing or invalid CSRF token",
                    "Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header; reload the page if it persists."));
        }
        return Problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You are signed in but not allowed to do this."));
    }
}
