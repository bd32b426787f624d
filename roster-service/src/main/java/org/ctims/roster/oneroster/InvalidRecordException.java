package org.ctims.roster.oneroster;

import org.ctims.platform.events.RejectedEventException;

/**
 * A OneRoster record that can never be applied (malformed JSON, missing sourcedId, an STN that
 * is not 10 digits, an impossible date, an unknown type ...). It is recorded as rejected and,
 * being a {@link RejectedEventException}, goes straight to the dead-letter topic without retries.
 */
public class InvalidRecordException extends RejectedEventException {

    private final String recordType;
    private final String sourcedId;
    private final String schoolSourcedId;

    public InvalidRecordException(String reason, String recordType, String sourcedId, String schoolSourcedId) {
        super(reason);
        this.recordType = recordType;
        this.sourcedId = sourcedId;
        this.schoolSourcedId = schoolSourcedId;
    }

    public String reason() {
        return getMessage();
    }

    /** The {@code ce_type} as received (may be unknown or null). */
    public String recordType() {
        return recordType;
    }

    public String sourcedId() {
        return sourcedId;
    }

    /** The school the record belongs to, when it says so. */
    public String schoolSourcedId() {
        return schoolSourcedId;
    }
}
