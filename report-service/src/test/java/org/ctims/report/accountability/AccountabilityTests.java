package org.ctims.report.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountabilityTests {

    private static final Set<String> APPROVED_1819 = Set.of("7503", "1234");

    private static CohortStudent student(String stn, boolean deceased, EducationStatus education,
                                         EmploymentStatus employment, boolean complete, String... passed) {
        // each pass as "number:cluster"
        return new CohortStudent(stn, 12, deceased, education, employment, complete,
                java.util.Arrays.stream(passed).map(p -> new Pass(p.split(":")[0], p.split(":")[1]))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    /** A small school, every figure counted by hand in the comments. */
    private static List<CohortStudent> sampleSchool() {
        return List.of(
                // placed ×4
                student("0000000001", false, EducationStatus.PUBLIC_COLLEGIATE_ADULT,
                        EmploymentStatus.NOT_IN_LABOR_FORCE, true, "7503:ED"),
                student("0000000002", false, EducationStatus.NOT_ATTENDING,
                        EmploymentStatus.EMPLOYED_FULL_TIME_CIVILIAN, true),
                student("0000000003", false, EducationStatus.UNKNOWN,
                        EmploymentStatus.EMPLOYED_FULL_TIME_MILITARY, false, "9999:ED"), // 9999 not on the list
                student("0000000004", false, EducationStatus.TECHNOLOGY_CENTER_ADULT,
                        EmploymentStatus.UNKNOWN, true, "1234:BA", "7503:ED"),
                // not placed ×2
                student("0000000005", false, EducationStatus.NOT_ATTENDING,
                        EmploymentStatus.UNEMPLOYED_SEEKING, true, "1234:BA"),
                student("0000000006", false, EducationStatus.NOT_ATTENDING,
                        EmploymentStatus.NOT_IN_LABOR_FORCE, true),
                // non-respondents ×3: never saved, unknown status, incomplete
                CohortStudent.unanswered("0000000007", 12),
                student("0000000008", false, EducationStatus.NOT_ATTENDING, EmploymentStatus.UNKNOWN, true),
                student("0000000009", false, EducationStatus.NOT_ATTENDING,
                        EmploymentStatus.UNEMPLOYED_SEEKING, false, "7503:ED"),
                // still secondary ×1 (stays in 5S1), deceased ×1 (its pass does not count)
                student("0000000011", false, EducationStatus.SECONDARY, null, false, "7503:ED"),
                student("0000000010", true, null, null, false, "1234:BA"),
                // not in the cohort: grade 11 and no grade
                new CohortStudent("0000000012", 11, false, EducationStatus.NOT_ATTENDING,
                        EmploymentStatus.EMPLOYED_FULL_TIME_CIVILIAN, true, Set.of(new Pass("7503", "ED"))),
                CohortStudent.unanswered("0000000013", null));
    }

    @Test
    void placementCountsEachOutcomeOnce() {
        Accountability a = Accountability.of(sampleSchool(), APPROVED_1819);

        assertThat(a.cohortSize()).isEqualTo(11);
        Placement3S1 p = a.placement();
        assertThat(p.placed()).isEqualTo(4);
        assertThat(p.notPlaced()).isEqualTo(2);
        assertThat(p.nonRespondents()).isEqualTo(3);
        assertThat(p.excludedDeceased()).isEqualTo(1);
        assertThat(p.excludedStillSecondary()).isEqualTo(1);
        assertThat(p.stillSecondaryForReview()).containsExactly("0000000011");
        assertThat(p.withNonRespondents()).isEqualTo(new Rate(4, 9));
        assertThat(p.withNonRespondents().percent()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("44.4"));
        assertThat(p.withoutNonRespondents()).isEqualTo(new Rate(4, 6));
        assertThat(p.withoutNonRespondents().percent()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("66.7"));
    }

    @Test
    void credentialAttainmentCountsPassesOnTheYearsListAmongTheLiving() {
        CredentialAttainment5S1 c = Accountability.of(sampleSchool(), APPROVED_1819).credentials();

        // passes on the list: students 1, 4, 5, 9 and the still-secondary 11; 3's pass is not on
        // the list, 10 is deceased, 12 is not in the cohort.
        assertThat(c.attained()).isEqualTo(5);
        assertThat(c.eligible()).isEqualTo(10);
        assertThat(c.excludedDeceased()).isEqualTo(1);
        assertThat(c.rate().percent()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("50.0"));
    }

    @Test
    void credentialAttainmentByClusterHasTheSameDenominator() {
        Accountability a = Accountability.of(sampleSchool(), APPROVED_1819);
        // ED: students 1, 4, 9, 11 (3's 9999 is off the list); BA: 4 and 5 (10 is deceased)
        assertThat(a.credentialsByCluster()).containsOnlyKeys("BA", "ED");
        assertThat(a.credentialsByCluster().get("ED")).isEqualTo(new CredentialAttainment5S1(4, 10, 1));
        assertThat(a.credentialsByCluster().get("BA")).isEqualTo(new CredentialAttainment5S1(2, 10, 1));
    }

    @Test
    void aPassWithoutClusterCountsForTheTotalOnly() {
        CohortStudent noCluster = new CohortStudent("0000000001", 12, false, null, null, false,
                Set.of(new Pass("7503", null)));
        Accountability a = Accountability.of(List.of(noCluster), APPROVED_1819);
        assertThat(a.credentials().attained()).isEqualTo(1);
        assertThat(a.credentialsByCluster()).isEmpty();
    }

    @Test
    void anotherYearsListChangesOnly5S1() {
        Accountability a = Accountability.of(sampleSchool(), Set.of("9999"));
        assertThat(a.credentials().attained()).isEqualTo(1);
        assertThat(a.placement()).isEqualTo(Accountability.of(sampleSchool(), APPROVED_1819).placement());
    }

    @Test
    void everyCohortStudentHasExactlyOneOutcome() {
        List<CohortStudent> all = OutcomeTests.everyCombination();
        Accountability a = Accountability.of(all, APPROVED_1819);
        Placement3S1 p = a.placement();

        assertThat(a.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.size());
        assertThat(p.placed() + p.notPlaced() + p.nonRespondents() + p.excludedDeceased()
                + p.excludedStillSecondary()).isEqualTo(a.cohortSize());
        assertThat(p.withNonRespondents()).isEqualTo(new Rate(60, 84));
        assertThat(p.withoutNonRespondents()).isEqualTo(new Rate(60, 62));
        assertThat(a.credentials()).isEqualTo(new CredentialAttainment5S1(0, 98, 98));
    }

    @Test
    void ratesOfTwoSchoolsAddUpToTheRateOfBoth() {
        List<CohortStudent> all = OutcomeTests.everyCombination();
        List<CohortStudent> first = new ArrayList<>();
        List<CohortStudent> second = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 3 == 0 ? first : second).add(all.get(i));
        }
        Placement3S1 a = Accountability.of(first, APPROVED_1819).placement();
        Placement3S1 b = Accountability.of(second, APPROVED_1819).placement();
        Placement3S1 both = Accountability.of(all, APPROVED_1819).placement();

        assertThat(a.withNonRespondents().numerator() + b.withNonRespondents().numerator())
                .isEqualTo(both.withNonRespondents().numerator());
        assertThat(a.withNonRespondents().denominator() + b.withNonRespondents().denominator())
                .isEqualTo(both.withNonRespondents().denominator());
    }

    @Test
    void theSumOfDisjointCohortsEqualsTheFiguresOfTheirUnion() {
        List<CohortStudent> all = new ArrayList<>(OutcomeTests.everyCombination());
        all.addAll(sampleSchool().stream().map(s -> new CohortStudent("9" + s.stn().substring(1), s.grade(),
                s.deceased(), s.education(), s.employment(), s.followUpComplete(), s.passes())).toList());
        List<Accountability> parts = new ArrayList<>();
        for (int school = 0; school < 5; school++) {
            int k = school;
            parts.add(Accountability.of(
                    java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 5 == k).mapToObj(all::get).toList(),
                    APPROVED_1819));
        }
        assertThat(Accountability.sum(parts)).isEqualTo(Accountability.of(all, APPROVED_1819));
    }

    @Test
    void anEmptyCohortHasNoRates() {
        Accountability a = Accountability.of(List.of(), APPROVED_1819);
        assertThat(a.cohortSize()).isZero();
        assertThat(a.placement().withNonRespondents().percent()).isEmpty();
        assertThat(a.credentials().rate().percent()).isEmpty();
    }

    @Test
    void aStudentTwiceInOneCohortIsRefused() {
        List<CohortStudent> doubled = List.of(CohortStudent.unanswered("0000000001", 12),
                CohortStudent.unanswered("0000000001", 12));
        assertThatIllegalArgumentException().isThrownBy(() -> Accountability.of(doubled, APPROVED_1819));
    }
}
