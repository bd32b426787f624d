package org.ctims.report.accountability;

import java.util.Arrays;
import java.util.Optional;

/**
 * Employment status of a follow-up, with the codes that {@code followup.reports.v1} carries
 * (followup-service/README.md "Codes").
 */
public enum EmploymentStatus {
    EMPLOYED_FULL_TIME_CIVILIAN("employed-full-time-civilian", "Employed full-time civilian"),
    EMPLOYED_PART_TIME_CIVILIAN("employed-part-time-civilian", "Employed part-time civilian"),
    EMPLOYED_FULL_TIME_MILITARY("employed-full-time-military", "Employed full-time military"),
    UNEMPLOYED_SEEKING("unemployed-seeking", "Unemployed but actively seeking employment"),
    NOT_IN_LABOR_FORCE("not-in-labor-force", "Not in the labor force and not seeking employment"),
    UNKNOWN("unknown", "Unknown");

    private final String code;
    private final String label;

    EmploymentStatus(String code, String label) {
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

    /** The three employed statuses count as placement in 3S1. */
    public boolean isEmployed() {
        return this == EMPLOYED_FULL_TIME_CIVILIAN || this == EMPLOYED_PART_TIME_CIVILIAN
                || this == EMPLOYED_FULL_TIME_MILITARY;
    }

    public static Optional<EmploymentStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
