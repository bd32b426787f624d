package org.ctims.platform.xlsx;

import java.util.List;

import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The upload is not an Excel workbook in the .xlsx format (415 {@code unsupported-file-type}); nothing was changed. */
public class UnsupportedFileException extends ProblemException {

    public UnsupportedFileException(String detail) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type", "Not an .xlsx workbook", detail, List.of());
    }
}
