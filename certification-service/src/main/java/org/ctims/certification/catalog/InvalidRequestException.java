package org.ctims.certification.catalog;

import java.util.List;

import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A request parameter that passed Bean Validation but is still wrong (e.g. {@code 2018-2020}): 400, like a validation error. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "The request has invalid fields.",
                List.of(new FieldViolation(field, message)));
    }

    /** Parses a school year named {@code field} in the request, or answers 400. */
    public static SchoolYear schoolYear(String field, String value) {
        try {
            return SchoolYear.of(value);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }
}
