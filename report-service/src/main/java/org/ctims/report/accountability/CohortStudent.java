package org.ctims.report.accountability;

import java.util.Objects;
import java.util.Set;

/**
 * What the accountability rules need to know about one student's report of one school and
 * enrollment year. A student on the roster whose report was never saved is simply
 * {@link #unanswered(String, Integer)}: not deceased, no statuses, not complete.
 *
 * @param stn                 state testing number; a cohort counts each student once
 * @param grade               roster grade in the enrollment year, {@code null} when unknown
 * @param deceased            answered yes; an unanswered question is "no" (DOMAIN.md default)
 * @param education           {@code null} while not answered
 * @param employment          {@code null} while not answered
 * @param followUpComplete    the follow-up flag as the follow-up service computed it
 * @param passes              the entries with result "test passed"
 */
public record CohortStudent(String stn, Integer grade, boolean deceased, EducationStatus education,
                            EmploymentStatus employment, boolean followUpComplete,
                            Set<Pass> passes) {

    public CohortStudent {
        Objects.requireNonNull(stn, "stn");
        passes = Set.copyOf(passes);
    }

    public static CohortStudent unanswered(String stn, Integer grade) {
        return new CohortStudent(stn, grade, false, null, null, false, Set.of());
    }

    /** The cohort of a school and enrollment year is its students who were in grade 12 that year. */
    public boolean inCohort() {
        return grade != null && grade == 12;
    }
}
