package org.ctims.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Nothing with that id exists for this caller (another school's ids answer the same). */
public class NotFoundException extends ProblemException {

    public NotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found.", List.of());
    }
}
