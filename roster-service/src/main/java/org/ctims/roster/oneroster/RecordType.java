package org.ctims.roster.oneroster;

import java.util.Arrays;
import java.util.Optional;

/** The OneRoster 1.2 record types accepted on {@code sis.oneroster.v1}, named by the CloudEvents type. */
public enum RecordType {
    ORG("oneroster.org"),
    ACADEMIC_SESSION("oneroster.academicSession"),
    USER("oneroster.user"),
    ROLE("oneroster.role"),
    CLASS("oneroster.class"),
    ENROLLMENT("oneroster.enrollment"),
    DEMOGRAPHIC("oneroster.demographic");

    private final String ceType;

    RecordType(String ceType) {
        this.ceType = ceType;
    }

    /** The {@code ce_type} header value, e.g. {@code oneroster.user}. */
    public String ceType() {
        return ceType;
    }

    /** The name used in record keys ({@code user:<sourcedId>}). */
    public String shortName() {
        return ceType.substring("oneroster.".length());
    }

    public static Optional<RecordType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
