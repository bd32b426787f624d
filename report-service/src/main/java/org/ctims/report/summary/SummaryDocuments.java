package org.ctims.report.summary;

import static org.ctims.report.export.ReportDocument.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.ctims.report.accountability.EducationStatus;
import org.ctims.report.accountability.EmploymentStatus;
import org.ctims.report.export.ReportDocument;

/** The teacher and school summaries laid out for the {@code .xlsx} and {@code .pdf} downloads. */
final class SummaryDocuments {

    static final List<String> FIGURES = List.of("Students", "Follow-up applies (grade 12)", "Follow-up complete",
            "Follow-up incomplete", "Certificate complete", "Deceased");

    private SummaryDocuments() {
    }

    static ReportDocument teacher(Summaries.TeacherSummary view) {
        String teacher = view.teacherStaffId() + (view.teacherName() == null ? "" : " " + view.teacherName());
        var builder = ReportDocument.builder("Teacher summary",
                        "teacher-summary-" + view.organizationPid() + "-" + view.schoolYear() + "-" + view.teacherStaffId())
                .about("School", school(view.organizationPid(), view.organizationName()))
                .about("School year", view.schoolYear())
                .about("Teacher", teacher)
                .table("Completion", List.of("Figure", "Students"), figures(view.summary()));
        details(builder, view.summary());
        return builder.build();
    }

    static ReportDocument school(Summaries.SchoolSummary view) {
        List<String> header = new ArrayList<>(List.of("Staff id", "Teacher"));
        header.addAll(FIGURES);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(counts(null, "School (each student once)", view.summary()));
        view.byTeacher().forEach(t -> rows.add(counts(t.teacherStaffId(), t.teacherName(), t.summary())));
        var builder = ReportDocument.builder("School summary",
                        "school-summary-" + view.organizationPid() + "-" + view.schoolYear())
                .about("School", school(view.organizationPid(), view.organizationName()))
                .about("School year", view.schoolYear())
                .table("By teacher", header, rows);
        details(builder, view.summary());
        return builder.build();
    }

    private static String school(String pid, String name) {
        return name == null ? pid : name + " (" + pid + ")";
    }

    private static List<List<Object>> figures(Summary s) {
        List<Long> values = List.of(s.students(), s.followUpApplicable(), s.followUpComplete(), s.followUpIncomplete(),
                s.certificateComplete(), s.deceased());
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < FIGURES.size(); i++) {
            rows.add(row(FIGURES.get(i), values.get(i)));
        }
        return rows;
    }

    private static List<Object> counts(String staffId, String name, Summary s) {
        return row(staffId, name, s.students(), s.followUpApplicable(), s.followUpComplete(), s.followUpIncomplete(),
                s.certificateComplete(), s.deceased());
    }

    /** The breakdowns, the results per assessment and cluster, and the incomplete list. */
    private static void details(ReportDocument.Builder builder, Summary s) {
        builder.table("Education status", List.of("Education status", "Code", "Students"),
                        breakdown(s.educationStatus(), code -> EducationStatus.fromCode(code).map(EducationStatus::label)))
                .table("Employment status", List.of("Employment status", "Code", "Students"),
                        breakdown(s.employmentStatus(), code -> EmploymentStatus.fromCode(code).map(EmploymentStatus::label)))
                .table("By assessment", List.of("Assessment", "Name", "Taken", "Passed", "Not passed"), results(s.byAssessment()))
                .table("By cluster", List.of("Cluster", "Name", "Taken", "Passed", "Not passed"), results(s.byCluster()))
                .table("Follow-up incomplete", List.of("Student", "STN"),
                        s.incomplete().stream().map(st -> row(st.name(), st.stn())).toList());
    }

    private static List<List<Object>> breakdown(Map<String, Long> counts, Function<String, java.util.Optional<String>> label) {
        return counts.entrySet().stream().map(e -> row(label.apply(e.getKey()).orElse(special(e.getKey())), e.getKey(),
                e.getValue())).toList();
    }

    private static String special(String key) {
        return switch (key) {
            case Summary.UNANSWERED -> "Not answered yet";
            case Summary.DECEASED -> "Deceased";
            default -> key;
        };
    }

    private static List<List<Object>> results(Map<String, Summary.Results> results) {
        return results.entrySet().stream()
                .map(e -> row(e.getKey(), e.getValue().name(), e.getValue().taken(), e.getValue().passed(),
                        e.getValue().notPassed())).toList();
    }
}
