package org.ctims.followup.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * Employment status of a follow-up, the guidebook's list. The {@link #code()} is stable (API,
 * database, events). Which later questions apply depends on it: job title for the three employed
 * statuses, "job related" and "self-employed" only for civilian employment.
 */
public enum EmploymentStatus {
    EMPLOYED_FULL_TIME_CIVILIAN("employed-full-time-civilian", "Employed full-time civilian (35 hours or more a week)", true, true),
    EMPLOYED_PART_TIME_CIVILIAN("employed-part-time-civilian", "Employed part-time civilian (less than 35 hours a week)", true, true),
    EMPLOYED_FULL_TIME_MILITARY("employed-full-time-military", "Employed full-time military", true, false),
    UNEMPLOYED_SEEKING("unemployed-seeking", "Unemployed but actively seeking employment", false, false),
    NOT_IN_LABOR_FORCE("not-in-labor-force", "Not in the labor force and not seeking employment", false, false),
    UNKNOWN("unknown", "Unknown", false, false);

    private final String code;
    private final String label;
    private final boolean employed;
    private final boolean civilian;

    EmploymentStatus(String code, String label, boolean employed, boolean civilian) {
        this.code = code;
        this.label = label;
        this.employed = employed;
        this.civilian = civilian;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Any of the three employed statuses: the job title applies. */
    public boolean employed() {
        return employed;
    }

    /** Employed as a civilian: "job related" and "self-employed" apply. */
    public boolean civilianEmployed() {
        return employed && civilian;
    }

    public static Optional<EmploymentStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
