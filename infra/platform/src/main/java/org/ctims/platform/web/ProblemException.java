package org.ctims.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * An error a service answers on purpose, rendered as RFC 9457 problem details with a stable
 * {@code type} ({@code urn:ctims:problem:<kind>}). Throw one of the subclasses.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String title;
    private final List<FieldViolation> violations;

    protected ProblemException(HttpStatus status, String kind, String title, String detail,
                               List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
