package org.ctims.followup.imports;

import java.util.List;

import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A workbook that is not a bulk-entry file as a whole (no STN column, a column twice, too many
 * rows): 422 {@code invalid-import-file} with {@code errors} [{row, column, reason}]; nothing was changed.
 */
class InvalidImportFileException extends ProblemException {

    private final List<RowError> rows;

    InvalidImportFileException(List<RowError> rows) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-import-file", "Not a bulk-entry file",
                rows.get(0).reason() + " Nothing was changed.",
                rows.stream().map(r -> new FieldViolation(r.column(), r.reason())).toList());
        this.rows = List.copyOf(rows);
    }

    List<RowError> rows() {
        return rows;
    }
}
