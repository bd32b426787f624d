package org.ctims.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ctims.report.summary.SummaryStudent.Entry;
import org.junit.jupiter.api.Test;

class SummaryTests {

    static SummaryStudent senior(String stn, String name, boolean complete, String education, String employment,
                                 Entry... entries) {
        return new SummaryStudent(stn, name, true, complete, false, false, education, employment, List.of(entries), Set.of("700001"));
    }

    /** Five students of one teacher, every count below worked out by hand. */
    static List<SummaryStudent> teacherA() {
        return List.of(
                senior("0000000001", "Adams, Amy", true, "not-attending", "employed-full-time-civilian",
                        new Entry("7503", "ED", "passed"), new Entry("1234", "BA", "not-passed")),
                senior("0000000002", "Baker, Ben", false, "unknown", null, new Entry("7503", "ED", "not-passed")),
                senior("0000000003", "Avery, Al", false, null, null, new Entry("7503", "ED", "not-taken")),
                // grade 11: no follow-up, certifications still count
                new SummaryStudent("0000000004", "Cole, Cy", false, false, true, false, null, null,
                        List.of(new Entry("1234", "BA", "passed"), new Entry("5555", null, null)), Set.of("700001")),
                new SummaryStudent("0000000005", "Dunn, Di", true, true, true, false, "secondary", "unemployed-seeking", List.of(),
                        Set.of("700001")));
    }

    @Test
    void completionIsCountedAmongTheStudentsTheFollowUpAppliesTo() {
        Summary s = Summary.of(teacherA());
        assertThat(s.students()).isEqualTo(5);
        assertThat(s.followUpApplicable()).isEqualTo(4);
        assertThat(s.followUpComplete()).isEqualTo(2);
        assertThat(s.followUpIncomplete()).isEqualTo(2);
        assertThat(s.certificateComplete()).isEqualTo(2);
        assertThat(s.incomplete()).containsExactly(new Summary.Student("0000000003", "Avery, Al"),
                new Summary.Student("0000000002", "Baker, Ben"));
    }

    @Test
    void statusBreakdownsCoverEveryFollowUpStudentOnce() {
        Summary s = Summary.of(teacherA());
        assertThat(s.educationStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "not-attending", 1L, "secondary", 1L, "unanswered", 1L, "unknown", 1L));
        assertThat(s.employmentStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "employed-full-time-civilian", 1L, "unanswered", 2L, "unemployed-seeking", 1L));
        assertThat(s.educationStatus().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.followUpApplicable());
    }

    @Test
    void certificationResultsPerAssessmentAndCluster() {
        Summary s = Summary.of(teacherA());
        assertThat(s.byAssessment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1234", new Summary.Results(2, 1, 1), "7503", new Summary.Results(2, 1, 1)));
        assertThat(s.byCluster()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "BA", new Summary.Results(2, 1, 1), "ED", new Summary.Results(2, 1, 1)));
        assertThat(s.byAssessment().keySet()).containsExactly("1234", "7503");
    }

    @Test
    void aDeceasedStudentIsCountedAsDeceasedInBothBreakdownsNotAsUnanswered() {
        SummaryStudent deceased = new SummaryStudent("0000000006", "Eng, Ed", true, true, true, true, null, null,
                List.of(), Set.of("700001"));
        Summary s = Summary.of(List.of(deceased, teacherA().get(2)));
        assertThat(s.deceased()).isEqualTo(1);
        assertThat(s.educationStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("deceased", 1L, "unanswered", 1L));
        assertThat(s.employmentStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("deceased", 1L, "unanswered", 1L));
        assertThat(s.followUpComplete()).isEqualTo(1);
    }

    @Test
    void anEmptyClassHasZeroes() {
        Summary s = Summary.of(List.of());
        assertThat(s.students()).isZero();
        assertThat(s.byAssessment()).isEmpty();
        assertThat(s.incomplete()).isEmpty();
    }
}
