package org.ctims.certification.imports;

import java.util.List;

import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A list with invalid rows cannot be committed (422). The problem's {@code errors} hold every
 * invalid row (as in the preview): {@code row}, {@code column}, {@code reason}, plus the
 * platform's {@code field} / {@code message} pair ({@code rows[12].Assessment Number}).
 */
class InvalidListException extends ProblemException {

    private final List<RowError> rows;
    private final int errorCount;

    InvalidListException(ParsedList list) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-assessment-list", "Invalid assessment list",
                list.errorCount() + " row(s) of the list are invalid; nothing was changed. Fix them and upload it again.",
                List.of());
        this.rows = list.errors();
        this.errorCount = list.errorCount();
    }

    List<RowError> rows() {
        return rows;
    }

    int errorCount() {
        return errorCount;
    }

    static FieldViolation violation(RowError error) {
        return new FieldViolation("rows[" + error.row() + "]." + error.column(), error.reason());
    }
}
