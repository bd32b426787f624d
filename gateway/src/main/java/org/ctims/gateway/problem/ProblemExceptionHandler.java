package org.ctims.gateway.problem;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * The gateway's own errors outside the security filters (no route or file at an address, a method
 * an endpoint does not take) as problem details; the message never echoes the request.
 */
@RestControllerAdvice
final class ProblemExceptionHandler {

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> statusError(ResponseStatusException error) {
        HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status == HttpStatus.NOT_FOUND ? "There is nothing at this address."
                : "The request could not be handled: " + status.getReasonPhrase() + ".";
        String type = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
        return ResponseEntity.status(status).headers(error.getHeaders())
                .body(Problems.of(status, type, status.getReasonPhrase(), detail));
    }
}
