package org.ctims.platform.web;

import org.apache.tomcat.util.http.InvalidParameterException;

import java.util.List;
import java.util.UUID;

import org.ctims.platform.events.DatabaseOutage;
import org.ctims.platform.logging.PersonalData;
import org.ctims.platform.security.OrganizationNotInScopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error a service answers is RFC 9457 problem details with a stable {@code type} and, for
 * validation, the list of fields in {@code errors}. Never a stack trace, SQL text or parser
 * internals: unexpected errors are logged with an incident id that the response carries.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> handleProblem(ProblemException e) {
        ProblemDetail problem = ProblemResponses.problem(e.status(), e.kind(), e.title(), e.getMessage());
        if (!e.violations().isEmpty()) {
            problem.setProperty("errors", e.violations());
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(OrganizationNotInScopeException.class)
    ResponseEntity<ProblemDetail> handleOutOfScope(OrganizationNotInScopeException e) {
        return respond(HttpStatus.FORBIDDEN, "organization-not-in-scope", "Not your organization", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "Your role does not allow this request.");
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleUnauthenticated(AuthenticationException e) {
        return respond(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in first",
                "This request needs a valid CTIMS access token.");
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> handleStale(OptimisticLockingFailureException e) {
        return respond(HttpStatus.CONFLICT, "stale-version", "Changed by someone else",
                "Someone saved this record after you loaded it. Reload it, then save again.");
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> handleUnavailable(Exception e) {
        log.warn("Database unavailable: {}", PersonalData.redacted(e.toString()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "Temporarily unavailable",
                        "The service cannot reach its database right now. Nothing was changed; try again shortly."));
    }

    /** A query parameter whose percent-encoding is not UTF-8: Tomcat cannot decode it. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> handleUndecodable(InvalidParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "A parameter of the request is not valid UTF-8 text.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        if (DatabaseOutage.is(e)) {
            // e.g. the rollback failed because the server went away mid-transaction: nothing was changed
            return handleUnavailable(e);
        }
        if (UnstorableText.is(e)) {
            return respond(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The request holds a character that cannot be stored (a NUL character). Nothing was changed.");
        }
        String incident = UUID.randomUUID().toString();
        // the message of an unexpected error may echo the request (an e-mail, an STN): masked
        log.error("Unexpected error, incident {}", incident, PersonalData.redacted(e));
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Unexpected error", "Something went wrong on our side. Nothing was changed. Incident " + incident + ".");
        problem.setProperty("incident", incident);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationProblem(fieldViolations(e.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldViolation(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return validationProblem(violations);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return ResponseEntity.status(tooLarge.status()).body(ProblemResponses.problem(tooLarge.status(),
                    tooLarge.kind(), tooLarge.title(), tooLarge.getMessage()));
        }
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", "The request body is not valid JSON of the expected shape.");
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(new FieldViolation(jsonPath(jackson), "has the wrong type or format")));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemResponses.problem(
                HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Upload too large",
                e.getMaxUploadSize() > 0 ? "The upload is larger than the limit of " + e.getMaxUploadSize() + " bytes."
                        : "The upload is larger than the limit."));
    }

    /** Gives the problems Spring itself raises (404, 405, 415, 413 ...) a CTIMS type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String kind = known == null ? "http-" + status.value()
                    : known.name().toLowerCase().replace('_', '-');
            problem.setType(ProblemResponses.type(kind));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<Object> validationProblem(List<FieldViolation> violations) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "The request has invalid fields.");
        problem.setProperty("errors", violations);
        return ResponseEntity.badRequest().body(problem);
    }

    private static List<FieldViolation> fieldViolations(BindingResult result) {
        return result.getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), error.getDefaultMessage()))
                .toList();
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String kind, String title, String detail) {
        return ResponseEntity.status(status).body(ProblemResponses.problem(status, kind, title, detail));
    }
}
