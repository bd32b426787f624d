package org.ctims.report.summary;

import java.util.List;
import java.util.Map;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.ctims.report.names.Names;
import org.ctims.report.web.Parameters;
import org.ctims.report.web.TeacherScope;
import org.springframework.stereotype.Service;

/**
 * The teacher and school summaries, scoped to the caller: a teacher gets their own students only
 * (their {@code staff_id} at their organizations), a school administrator every teacher at their
 * organizations, state staff and report consumers everything. Parameters are checked here so that
 * the JSON and the downloads answer the same errors.
 */
@Service
public class Summaries {

    private final SummaryRepository repository;
    private final Names names;

    Summaries(SummaryRepository repository, Names names) {
        this.repository = repository;
        this.names = names;
    }

    /** A teacher's summary of one school and year. */
    public record TeacherSummary(String organizationPid, String organizationName, String schoolYear,
                                 String teacherStaffId, String teacherName, Summary summary) {
    }

    /**
     * A school's summary: {@code summary} counts each student of the school once (a student of two
     * teachers is in both rows), {@code byTeacher} has a row per teacher in staff-id order.
     */
    public record SchoolSummary(String organizationPid, String organizationName, String schoolYear, Summary summary,
                                List<TeacherRow> byTeacher) {
    }

    public record TeacherRow(String teacherStaffId, String teacherName, Summary summary) {
    }

    /** {@code teacher} may be null: a teacher then means themselves; anyone else must name one. */
    public TeacherSummary teacher(String org, String year, String teacher, CurrentUser user) {
        // a teacher who names no teacher means themselves (also one who is a school administrator too)
        String staffId = teacher == null && user.hasRole(Role.TEACHER) ? user.staffId() : teacher;
        new Parameters().organization(org).schoolYear(year).staffId("teacher", staffId, true).check();
        user.requireOrganization(org);
        TeacherScope.requireVisible(staffId, user);
        String name = repository.teachers(org, year).stream().filter(t -> t.staffId().equals(staffId))
                .map(SummaryRepository.Teacher::name).findFirst().orElse(null);
        return new TeacherSummary(org, names.school(org).orElse(null), year, staffId, name,
                named(year, Summary.of(repository.teacherStudents(org, year, staffId))));
    }

    /** A teacher gets the school summary of their own students, with their row only. */
    public SchoolSummary school(String org, String year, CurrentUser user) {
        new Parameters().organization(org).schoolYear(year).check();
        user.requireOrganization(org);
        List<SummaryStudent> students = repository.schoolStudents(org, year);
        List<SummaryRepository.Teacher> teachers = repository.teachers(org, year);
        if (!TeacherScope.seesEveryTeacher(user)) {
            String own = user.staffId();
            students = students.stream().filter(s -> s.teachers().contains(own)).toList();
            teachers = teachers.stream().filter(t -> t.staffId().equals(own)).toList();
        }
        List<SummaryStudent> all = students;
        Summary school = Summary.of(all);
        Map<String, String> assessments = names.assessments(year, school.byAssessment().keySet());
        Map<String, String> clusters = names.clusters(year, school.byCluster().keySet());
        List<TeacherRow> rows = teachers.stream().map(t -> new TeacherRow(t.staffId(), t.name(),
                Summary.of(all.stream().filter(s -> s.teachers().contains(t.staffId())).toList())
                        .named(assessments, clusters))).toList();
        return new SchoolSummary(org, names.school(org).orElse(null), year, school.named(assessments, clusters), rows);
    }

    private Summary named(String year, Summary summary) {
        return summary.named(names.assessments(year, summary.byAssessment().keySet()),
                names.clusters(year, summary.byCluster().keySet()));
    }
}
