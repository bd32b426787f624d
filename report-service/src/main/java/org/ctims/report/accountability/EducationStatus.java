package org.ctims.report.accountability;

import java.util.Arrays;
import java.util.Optional;

/**
 * Education status of a follow-up, with the codes that {@code followup.reports.v1} carries
 * (followup-service/README.md "Codes"). Kept here, not shared with the producer: this service
 * reads the events with its own types (tolerant reader).
 */
public enum EducationStatus {
    NOT_ATTENDING("not-attending", "Not attending school"),
    SECONDARY("secondary", "Attending high school or technology center as a secondary student"),
    TECHNOLOGY_CENTER_ADULT("technology-center-adult", "Attending a technology center as an adult student"),
    PRIVATE_SCHOOL_ADULT("private-school-adult", "Attending a private school as an adult student"),
    PUBLIC_COLLEGIATE_ADULT("public-collegiate-adult", "Attending a public collegiate school as an adult student"),
    UNKNOWN("unknown", "Unknown");

    private final String code;
    private final String label;

    EducationStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The guidebook's wording, for reports meant for people. */
    public String label() {
        return label;
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
