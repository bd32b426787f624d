package org.ctims.report.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The teacher summary (JSON). A teacher gets their own (their {@code staff_id}, at their
 * organizations); a school administrator any teacher's at their organizations; state staff and
 * report consumers any.
 */
@RestController
class TeacherSummaryController {

    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");
    private static final Pattern YEAR = Pattern.compile("^(\\d{4})-(\\d{4})$");

    private final SummaryRepository students;

    TeacherSummaryController(SummaryRepository students) {
        this.students = students;
    }

    record TeacherSummary(String organizationPid, String schoolYear, String teacherStaffId, Summary summary) {
    }

    @GetMapping("/api/reports/teacher-summary")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    TeacherSummary teacherSummary(@RequestParam(required = false) String org, @RequestParam(required = false) String year,
                                  @RequestParam(required = false) String teacher, CurrentUser user) {
        // a teacher who names no teacher means themselves
        String staffId = teacher == null && user.hasRole(Role.TEACHER) ? user.staffId() : teacher;
        List<FieldViolation> errors = new ArrayList<>();
        if (org == null || !PID.matcher(org).matches()) {
            errors.add(new FieldViolation("org", "must be an organization PID (digits)"));
        }
        var y = year == null ? null : YEAR.matcher(year);
        if (y == null || !y.matches() || Integer.parseInt(y.group(2)) != Integer.parseInt(y.group(1)) + 1) {
            errors.add(new FieldViolation("year", "must be a school year like 2018-2019"));
        }
        if (staffId == null || staffId.isBlank() || staffId.length() > 100) {
            errors.add(new FieldViolation("teacher", "must be a teacher's staff id"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Bad parameters", errors);
        }
        user.requireOrganization(org);
        boolean seesEveryTeacher = user.hasRole(Role.SCHOOL_ADMIN) || user.hasRole(Role.STATE_ADMIN)
                || user.hasRole(Role.REPORT_CONSUMER);
        if (!seesEveryTeacher && !staffId.equals(user.staffId())) {
            throw new AccessDeniedException("A teacher sees only their own summary");
        }
        return new TeacherSummary(org, year, staffId, Summary.of(students.teacherStudents(org, year, staffId)));
    }
}
