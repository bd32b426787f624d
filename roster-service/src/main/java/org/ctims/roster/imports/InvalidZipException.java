package org.ctims.roster.imports;

import org.ctims.platform.web.InvalidInputException;

/** The upload is not a readable OneRoster CSV zip; nothing was imported. */
class InvalidZipException extends InvalidInputException {

    InvalidZipException(String message) {
        super("file", message);
    }
}
