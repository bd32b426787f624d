package org.ctims.followup.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * Education status of a follow-up, the guidebook's list. The {@link #code()} is what the API,
 * the database and the events carry: it never changes once published (labels may).
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

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<EducationStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
