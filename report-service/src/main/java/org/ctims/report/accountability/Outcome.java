package org.ctims.report.accountability;

/**
 * The single outcome of a cohort student, decided in DOMAIN.md's order ("Reports",
 * Accountability): the first rule that matches wins, so e.g. a deceased student who was also
 * recorded as employed is only deceased.
 */
public enum Outcome {
    /** Answered deceased: excluded from every rate. */
    DECEASED,
    /** Still a secondary student: has not exited, excluded from the rates, listed for review. */
    STILL_SECONDARY,
    PLACED,
    NON_RESPONDENT,
    NOT_PLACED;

    public static Outcome of(CohortStudent student) {
        if (student.deceased()) {
            return DECEASED;
        }
        EducationStatus education = student.education();
        EmploymentStatus employment = student.employment();
        if (education == EducationStatus.SECONDARY) {
            return STILL_SECONDARY;
        }
        // Placement is decided before completeness on purpose (DOMAIN.md's order): a student
        // known to be employed counts as placed even if, say, the job title is still missing.
        if ((education != null && education.isAdultStudent()) || (employment != null && employment.isEmployed())) {
            return PLACED;
        }
        if (!student.followUpComplete() || education == null || employment == null
                || education == EducationStatus.UNKNOWN || employment == EmploymentStatus.UNKNOWN) {
            return NON_RESPONDENT;
        }
        return NOT_PLACED;
    }
}
