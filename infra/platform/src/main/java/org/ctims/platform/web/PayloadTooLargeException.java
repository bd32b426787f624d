package org.ctims.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request body or upload over the service's limit; nothing was read into the service. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large",
                "The request body is larger than the limit of " + limitBytes + " bytes.", List.of());
    }
}
