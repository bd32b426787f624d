package org.ctims.roster.oneroster;

/** OneRoster's record status: {@code active} or {@code tobedeleted} (removes what the record stood for). */
public enum RecordStatus {
    ACTIVE("active"),
    TO_BE_DELETED("tobedeleted");

    private final String wireName;

    RecordStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
