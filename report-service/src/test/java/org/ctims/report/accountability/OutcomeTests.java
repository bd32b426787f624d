package org.ctims.report.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every combination of education × employment (each including "not answered") × deceased ×
 * follow-up complete, checked against the rules of DOMAIN.md stated case by case with the
 * event codes, independently of the helper methods of the status enums.
 */
class OutcomeTests {

    private static final Set<String> ADULT_STUDENT = Set.of("technology-center-adult", "private-school-adult",
            "public-collegiate-adult");
    private static final Set<String> EMPLOYED = Set.of("employed-full-time-civilian",
            "employed-part-time-civilian", "employed-full-time-military");

    static List<CohortStudent> everyCombination() {
        List<EducationStatus> educations = new ArrayList<>(Arrays.asList(EducationStatus.values()));
        educations.add(null);
        List<EmploymentStatus> employments = new ArrayList<>(Arrays.asList(EmploymentStatus.values()));
        employments.add(null);
        List<CohortStudent> all = new ArrayList<>();
        int stn = 0;
        for (EducationStatus education : educations) {
            for (EmploymentStatus employment : employments) {
                for (boolean deceased : new boolean[] {false, true}) {
                    for (boolean complete : new boolean[] {false, true}) {
                        all.add(new CohortStudent(String.format("%010d", ++stn), 12, deceased, education,
                                employment, complete, Set.of()));
                    }
                }
            }
        }
        return all;
    }

    // "" stands for "not answered" (Set.of(...).contains(null) throws)
    private static String code(EducationStatus s) {
        return s == null ? "" : s.code();
    }

    private static String code(EmploymentStatus s) {
        return s == null ? "" : s.code();
    }

    @Test
    void everyCombinationGetsTheOutcomeOfTheFirstMatchingRule() {
        List<CohortStudent> all = everyCombination();
        assertThat(all).hasSize(7 * 7 * 2 * 2);
        for (CohortStudent s : all) {
            Outcome outcome = Outcome.of(s);
            String education = code(s.education());
            String employment = code(s.employment());
            boolean secondary = "secondary".equals(education);
            boolean placedByAnswers = ADULT_STUDENT.contains(education) || EMPLOYED.contains(employment);
            boolean answeredBoth = !education.isEmpty() && !employment.isEmpty()
                    && !"unknown".equals(education) && !"unknown".equals(employment);

            assertThat(outcome == Outcome.DECEASED).as("deceased %s", s).isEqualTo(s.deceased());
            assertThat(outcome == Outcome.STILL_SECONDARY).as("still secondary %s", s)
                    .isEqualTo(!s.deceased() && secondary);
            assertThat(outcome == Outcome.PLACED).as("placed %s", s)
                    .isEqualTo(!s.deceased() && !secondary && placedByAnswers);
            assertThat(outcome == Outcome.NON_RESPONDENT).as("non-respondent %s", s)
                    .isEqualTo(!s.deceased() && !secondary && !placedByAnswers
                            && (!s.followUpComplete() || !answeredBoth));
            // The only way to be "not placed": answered, complete, not attending and not employed.
            assertThat(outcome == Outcome.NOT_PLACED).as("not placed %s", s)
                    .isEqualTo(!s.deceased() && s.followUpComplete() && "not-attending".equals(education)
                            && Set.of("unemployed-seeking", "not-in-labor-force").contains(employment));
        }
    }

    @Test
    void countsOverEveryCombinationMatchTheHandCount() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        everyCombination().forEach(s -> counts.merge(Outcome.of(s), 1L, Long::sum));
        // 98 deceased; of the other 98: secondary 1×7×2; placed 3×7×2 adult + 3×3×2 employed;
        // not placed 1×2×1; non-respondents the remaining 3×4×2 − 2.
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                Outcome.DECEASED, 98L, Outcome.STILL_SECONDARY, 14L, Outcome.PLACED, 60L,
                Outcome.NOT_PLACED, 2L, Outcome.NON_RESPONDENT, 22L));
    }

    @Test
    void deceasedWinsOverEveryOtherAnswer() {
        CohortStudent employedButDeceased = new CohortStudent("0000000001", 12, true,
                EducationStatus.SECONDARY, EmploymentStatus.EMPLOYED_FULL_TIME_MILITARY, true, Set.of(new Pass("7503", "ED")));
        assertThat(Outcome.of(employedButDeceased)).isEqualTo(Outcome.DECEASED);
    }

    @Test
    void stillSecondaryWinsOverEmployment() {
        CohortStudent working = new CohortStudent("0000000001", 12, false, EducationStatus.SECONDARY,
                EmploymentStatus.EMPLOYED_PART_TIME_CIVILIAN, true, Set.of());
        assertThat(Outcome.of(working)).isEqualTo(Outcome.STILL_SECONDARY);
    }

    @Test
    void placementIsDecidedBeforeCompletenessAndUnknowns() {
        CohortStudent employedIncomplete = new CohortStudent("0000000001", 12, false, EducationStatus.UNKNOWN,
                EmploymentStatus.EMPLOYED_FULL_TIME_CIVILIAN, false, Set.of());
        CohortStudent collegeUnknownJob = new CohortStudent("0000000002", 12, false,
                EducationStatus.PUBLIC_COLLEGIATE_ADULT, EmploymentStatus.UNKNOWN, true, Set.of());
        assertThat(Stream.of(employedIncomplete, collegeUnknownJob).map(Outcome::of))
                .containsOnly(Outcome.PLACED);
    }

    @Test
    void aReportNeverSavedIsANonRespondent() {
        assertThat(Outcome.of(CohortStudent.unanswered("0000000001", 12))).isEqualTo(Outcome.NON_RESPONDENT);
    }

    @Test
    void notAttendingAndUnemployedButIncompleteIsANonRespondent() {
        CohortStudent s = new CohortStudent("0000000001", 12, false, EducationStatus.NOT_ATTENDING,
                EmploymentStatus.UNEMPLOYED_SEEKING, false, Set.of());
        assertThat(Outcome.of(s)).isEqualTo(Outcome.NON_RESPONDENT);
    }
}
