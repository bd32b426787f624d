package org.ctims.followup.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.ctims.followup.report.AnswersInput;
import org.ctims.followup.report.AnswersInput.EntryInput;
import org.ctims.followup.report.ReportView;
import org.ctims.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

class RowMergeTests {

    static final BulkFile FILE = new BulkFile(List.of(), List.of(), Map.of(BulkColumn.JOB_TITLE, "Job Title (if employed)"), Map.of());

    static ReportView report(int grade, ReportView.AnswersView answers, ReportView.Entry... entries) {
        return new ReportView(UUID.randomUUID(), 3, "1234567890", "2018-2019", new ReportView.Organization("10001", "Sample"),
                new ReportView.Student("Jamie", "Rivera", null, "female", grade), List.of(), false, answers, List.of(entries),
                grade == 12, false, false, List.of(), null, null);
    }

    static final ReportView.AnswersView EMPLOYED = new ReportView.AnswersView("jamie@example.org", false, "not-attending",
            "employed-full-time-civilian", true, false, "Assistant teacher", "Helps in class", true);

    static BulkRow row(Map<BulkColumn, String> cells, Map<Integer, BulkRow.EntryCells> entries) {
        Map<BulkColumn, String> copy = new EnumMap<>(BulkColumn.class);
        copy.putAll(cells);
        return new BulkRow(7, "1234567890", null, copy, new TreeMap<>(entries));
    }

    @Test
    void blankCellsKeepTheAnswersAndADashClearsOne() {
        AnswersInput in = RowMerge.merge(FILE, row(Map.of(BulkColumn.JOB_DUTIES, "-", BulkColumn.EMAIL, "new@example.org"), Map.of()),
                report(12, EMPLOYED, new ReportView.Entry("7503", "ED", "passed"))).input();
        assertThat(in).isEqualTo(new AnswersInput("new@example.org", false, "not-attending", "employed-full-time-civilian", true,
                false, "Assistant teacher", null, true, List.of(new EntryInput("7503", "ED", "passed"))));
    }

    @Test
    void labelsAndYesNoWordsBecomeCodesAndUnreadableYesNoIsACellError() {
        RowMerge.Merged merged = RowMerge.merge(FILE, row(Map.of(
                BulkColumn.EDUCATION_STATUS, "Attending a technology center as an ADULT student",
                BulkColumn.EMPLOYMENT_STATUS, "employed-part-time-civilian",
                BulkColumn.SELF_EMPLOYED, "Y",
                BulkColumn.JOB_RELATED, "perhaps"), Map.of()), report(12, EMPLOYED));
        assertThat(merged.input().educationStatus()).isEqualTo("technology-center-adult");
        assertThat(merged.input().employmentStatus()).isEqualTo("employed-part-time-civilian");
        assertThat(merged.input().selfEmployed()).isTrue();
        assertThat(merged.input().jobRelated()).as("kept").isTrue();
        assertThat(merged.cellErrors()).extracting(RowError::row, RowError::column).containsExactly(tuple(7, "Job related to coursework"));
    }

    @Test
    void keptAnswersThatTheRowMakesInapplicableAreDropped() {
        AnswersInput unemployed = RowMerge.merge(FILE, row(Map.of(BulkColumn.EMPLOYMENT_STATUS, "unemployed-seeking"), Map.of()),
                report(12, EMPLOYED)).input();
        assertThat(unemployed.jobRelated()).isNull();
        assertThat(unemployed.selfEmployed()).isNull();
        assertThat(unemployed.jobTitle()).isNull();
        assertThat(unemployed.jobDuties()).isNull();

        AnswersInput military = RowMerge.merge(FILE, row(Map.of(BulkColumn.EMPLOYMENT_STATUS, "Employed full-time military"), Map.of()),
                report(12, EMPLOYED)).input();
        assertThat(military.jobTitle()).isEqualTo("Assistant teacher");
        assertThat(military.jobRelated()).isNull();

        AnswersInput deceased = RowMerge.merge(FILE, row(Map.of(BulkColumn.DECEASED, "yes"), Map.of()), report(12, EMPLOYED)).input();
        assertThat(deceased).isEqualTo(new AnswersInput("jamie@example.org", true, null, null, null, null, null, null, true, List.of()));

        AnswersInput notTaken = RowMerge.merge(FILE, row(Map.of(BulkColumn.TOOK_CERTIFICATION_TEST, "no"), Map.of()),
                report(12, EMPLOYED, new ReportView.Entry("7503", "ED", "passed"))).input();
        assertThat(notTaken.certifications()).isEmpty();
    }

    @Test
    void certificationGroupsMergeByAssessmentAndADashResultRemovesAnEntry() {
        ReportView current = report(11, new ReportView.AnswersView(null, false, null, null, null, null, null, null, true),
                new ReportView.Entry("7503", "ED", "not-passed"), new ReportView.Entry("1001", "AC", "passed"));
        AnswersInput in = RowMerge.merge(FILE, row(Map.of(), Map.of(
                1, new BulkRow.EntryCells("Early Childhood Education (Pre-Pac) - 7503", null, "Test passed"),
                2, new BulkRow.EntryCells("1001", null, "-"),
                3, new BulkRow.EntryCells("2002", "Business, Management & Administration - ba", "not taken"))), current).input();
        assertThat(in.certifications()).containsExactly(new EntryInput("7503", "ED", "passed"), new EntryInput("2002", "BA", "not-taken"));
    }

    @Test
    void brokenRulesPointAtTheColumnToFix() {
        ReportView current = report(12, EMPLOYED, new ReportView.Entry("7503", "ED", "passed"));
        RowMerge.Merged merged = RowMerge.merge(FILE, row(Map.of(), Map.of(
                2, new BulkRow.EntryCells(null, "ED", null),
                4, new BulkRow.EntryCells("1001", "XX", null))), current);
        assertThat(merged.cellErrors()).extracting(RowError::column).containsExactly("Assessment 2");
        assertThat(merged.columnOf().apply(new FieldViolation("certifications[1].clusterCode", "not a cluster")))
                .isEqualTo(new RowError(7, "Cluster 4", "not a cluster"));
        assertThat(merged.columnOf().apply(new FieldViolation("certifications[0].assessmentNumber", "retired")).column())
                .isEqualTo("Assessment");
        assertThat(merged.columnOf().apply(new FieldViolation("jobTitle", "too long")).column()).isEqualTo("Job Title (if employed)");
        assertThat(merged.columnOf().apply(new FieldViolation("certifications", "only when yes")).column())
                .isEqualTo("Took a certification test");
    }
}
