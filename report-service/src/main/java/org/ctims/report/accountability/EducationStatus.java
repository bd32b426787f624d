package org.ctims.report.accountability;

import java.util.Arrays;
import java.util.Optional;

/**
 * Education status of a follow-up, with the codes that {@code followup.reports.v1} carries
 * (followup-service/README.md "Codes"). Kept here, not shared with the producer: this service
 * reads the events with its own types (tolerant reader).
 */
public enum EducationStatus {
    NOT_ATTENDING("not-attending"),
    SECONDARY("secondary"),
    TECHNOLOGY_CENTER_ADULT("technology-center-adult"),
    PRIVATE_SCHOOL_ADULT("private-school-adult"),
    PUBLIC_COLLEGIATE_ADULT("public-collegiate-adult"),
    UNKNOWN("unknown");

    private final String code;

    EducationStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The three adult-student statuses count as placement in 3S1. */
    public boolean isAdultStudent() {
        return this == TECHNOLOGY_CENTER_ADULT || this == PRIVATE_SCHOOL_ADULT || this == PUBLIC_COLLEGIATE_ADULT;
    }

    /** Empty for a code this version does not know; the caller decides whether that is an error. */
    public static Optional<EducationStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
