package org.ctims.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Well-formed input that breaks a rule of the domain (unknown code, answer that does not apply); nothing was changed. */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String detail, List<FieldViolation> violations) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", "Invalid input", detail, violations);
    }

    public InvalidInputException(String field, String message) {
        this("The request has invalid fields.", List.of(new FieldViolation(field, message)));
    }
}
