package org.ctims.report.accountability;

import java.util.Arrays;
import java.util.Optional;

/**
 * Employment status of a follow-up, with the codes that {@code followup.reports.v1} carries
 * (followup-service/README.md "Codes").
 */
public enum EmploymentStatus {
    EMPLOYED_FULL_TIME_CIVILIAN("employed-full-time-civilian"),
    EMPLOYED_PART_TIME_CIVILIAN("employed-part-time-civilian"),
    EMPLOYED_FULL_TIME_MILITARY("employed-full-time-military"),
    UNEMPLOYED_SEEKING("unemployed-seeking"),
    NOT_IN_LABOR_FORCE("not-in-labor-force"),
    UNKNOWN("unknown");

    private final String code;

    EmploymentStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The three employed statuses count as placement in 3S1. */
    public boolean isEmployed() {
        return this == EMPLOYED_FULL_TIME_CIVILIAN || this == EMPLOYED_PART_TIME_CIVILIAN
                || this == EMPLOYED_FULL_TIME_MILITARY;
    }

    public static Optional<EmploymentStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
