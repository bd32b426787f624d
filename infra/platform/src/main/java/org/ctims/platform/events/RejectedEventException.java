package org.ctims.platform.events;

/**
 * Thrown by a consumer for an event it can never process (invalid, unknown version, missing id).
 * The platform's binder defaults do not retry it: the record goes straight to the binding's
 * dead-letter topic {@code error.<destination>.<group>}, with this message in the
 * {@code x-exception-message} header, and later records keep flowing. Subclass it for specific
 * reasons; any other exception is retried a few times first.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }

    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
