package org.ctims.roster.oneroster;

import java.time.Instant;

/**
 * What every OneRoster record has: the sending SIS ({@code ce_source}), its type and sourcedId
 * (unique within that SIS), its status and the time it was last modified (newer wins).
 */
public record RecordHeader(String sis, RecordType type, String sourcedId, RecordStatus status, Instant dateLastModified) {

    public boolean deleted() {
        return status == RecordStatus.TO_BE_DELETED;
    }

    /** The record key, {@code <type>:<sourcedId>}. */
    public String key() {
        return type.shortName() + ":" + sourcedId;
    }
}
