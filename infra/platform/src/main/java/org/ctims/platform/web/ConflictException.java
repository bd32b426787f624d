package org.ctims.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The request conflicts with the stored state (e.g. a stale version); nothing was changed. */
public class ConflictException extends ProblemException {

    public ConflictException(String kind, String detail) {
        super(HttpStatus.CONFLICT, kind, "Conflict", detail, List.of());
    }
}
