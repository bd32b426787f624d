package org.ctims.gateway.fallback;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.ctims.gateway.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker forwards when its service is down, slow or switched off by the
 * breaker. The answer says whether the request may have been carried out: a refused connection, no
 * instance up or an open breaker changed nothing; a timeout or a connection lost mid-call may have.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private static final Map<String, String> SERVICES = Map.of(
            "roster", "The roster service",
            "followups", "The follow-up service",
            "certifications", "The certification service",
            "reports", "The report service");

    // No method restriction: the forward keeps the original method (GET, POST, PUT, ...).
    @RequestMapping("/fallback/{route}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String route, ServerWebExchange exchange) {
        String service = SERVICES.getOrDefault(route, "A CTIMS service");
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        ProblemDetail problem;
        if (cause instanceof TimeoutException) {
            problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-timeout", "Service did not answer in time",
                    service + " did not answer in time. If you were saving something, reload to check"
                            + " whether it was saved before trying again.");
        } else if (!connectionLostMidCall(cause)) {
            problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    service + " is not available right now; nothing was changed by this request."
                            + " Please try again in a few minutes.");
        } else {
            // the call reached an instance that went away before answering (killed, restarted)
            problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-connection-lost",
                    "Service went away before answering",
                    service + " stopped before it answered. If you were saving something, reload to check"
                            + " whether it was saved before trying again.");
        }
        problem.setProperty("service", route);
        problem.setInstance(originalPath(exchange));
        // the operator's only trace of why a caller got 503: the cause, never the request's content
        log.warn("route {}: {} {} answered 503 ({})", route, exchange.getRequest().getMethod(), problem.getInstance(),
                cause == null ? "no cause" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "30")
                .body(problem);
    }

    /**
     * The call was on its way to an instance, or in it, when the connection broke (the instance was
     * killed or stopped mid-call). A connection refused or not made in time (after the route's
     * retries on other instances), no instance up, an open circuit or a full bulkhead sent nothing.
     */
    private static boolean connectionLostMidCall(Throwable cause) {
        boolean broken = false;
        for (Throwable error = cause; error != null; error = error.getCause()) {
            if (error instanceof ConnectException) {
                return false;
            }
            broken |= error instanceof IOException;
        }
        return broken;
    }

    // The forward replaced the path with /fallback/...; the caller wants to see what they asked for.
    private static URI originalPath(ServerWebExchange exchange) {
        Set<URI> originals = exchange.getAttributeOrDefault(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR, Set.of());
        return originals.stream().findFirst()
                .map(uri -> URI.create(uri.getRawPath()))
                .orElse(URI.create(exchange.getRequest().getPath().value()));
    }
}
