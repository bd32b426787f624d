package org.ctims.platform.limits;

import org.ctims.platform.web.ProblemException;
import org.ctims.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 429 and 503 of {@link HeavyRequests} say when to try again (a bean of {@link PlatformLimitsAutoConfiguration}). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HeavyRequestsAdvice {

    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({HeavyRequests.TooManyRequestsException.class, HeavyRequests.BusyException.class})
    ResponseEntity<ProblemDetail> refused(ProblemException e) {
        ProblemDetail problem = ProblemResponses.problem(e.status(), e.kind(), e.title(), e.getMessage());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
