package org.ctims.certification.imports;

import java.util.List;

import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The upload is not an Excel workbook in the .xlsx format (415); nothing was changed. */
class UnsupportedFileException extends ProblemException {

    UnsupportedFileException(String detail) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type", "Not an .xlsx workbook", detail, List.of());
    }
}
