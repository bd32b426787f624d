package org.ctims.local;

/** A part of the local stack could not be started; the message says what to do about it. */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
