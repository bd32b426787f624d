package org.ctims.followup.report;

import java.util.List;

import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A save without {@code If-Match}: without the version the caller read, a stale save could not be told apart. */
class PreconditionRequiredException extends ProblemException {

    PreconditionRequiredException() {
        super(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                "Send the ETag of the report you read as If-Match.", List.of());
    }
}
