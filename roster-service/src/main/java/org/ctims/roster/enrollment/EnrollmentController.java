package org.ctims.roster.enrollment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ctims.platform.SchoolYears;
import org.ctims.platform.audit.AuditEntry;
import org.ctims.platform.audit.AuditLog;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The students of an organization and school year, optionally of one teacher: for teachers, school
 * administrators, state staff and report consumers. A teacher sees only their own students (by the
 * {@code staff_id} of their sign-in); an organization outside the caller's answers 403, and so does
 * a signed-in person without one of those roles, even one whose {@code org_pids} name the school.
 */
@RestController
@RequestMapping("/api/roster/organizations/{pid}/enrollments")
@PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
class EnrollmentController {

    static final int MAX_SIZE = 500;
    /** The longest staff id the intake keeps. */
    static final int MAX_STAFF_ID = 200;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    EnrollmentController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    List<EnrollmentView> enrollments(@PathVariable String pid, @RequestParam String schoolYear,
                                     @RequestParam(required = false) String teacher,
                                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
                                     CurrentUser user) {
        user.requireOrganization(pid);
        if (!SchoolYears.isSchoolYear(schoolYear)) {
            throw new InvalidInputException("schoolYear", "Write the school year like 2018-2019.");
        }
        if (teacher != null && teacher.length() > MAX_STAFF_ID) {
            throw new InvalidInputException("teacher", "A staff id is at most " + MAX_STAFF_ID + " characters.");
        }
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "page starts at 0; size is 1 to " + MAX_SIZE + ".");
        }
        String onlyTeacher = teacher;
        if (user.hasRole(Role.TEACHER) && !user.hasRole(Role.SCHOOL_ADMIN) && !user.scope().all()) {
            onlyTeacher = user.teacherStaffId().orElse("");   // a teacher without a staff id has no students
            if (teacher != null && !teacher.equals(onlyTeacher)) {
                return List.of();
            }
        }
        List<EnrollmentView> enrollments = jdbc.sql("""
                select sis, sourced_id, stn, given_name, family_name, birth_date, gender, grade, email, organization_pid,
                       teacher_staff_id, teacher_name, division, school_year
                from enrollment
                where organization_pid = :pid and school_year = :year
                  and (cast(:teacher as text) is null or teacher_staff_id = :teacher)
                order by lower(family_name), lower(given_name), stn, sis, sourced_id
                limit :size offset :offset""")
                .param("pid", pid).param("year", schoolYear).param("teacher", onlyTeacher)
                .param("size", size).param("offset", (long) page * size)
                .query((rs, row) -> new EnrollmentView(EnrollmentEvent.enrollmentId(rs.getString("sis"), rs.getString("sourced_id")),
                        rs.getString("stn"), rs.getString("given_name"), rs.getString("family_name"),
                        rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("gender"),
                        (Integer) rs.getObject("grade"), rs.getString("email"), rs.getString("organization_pid"),
                        rs.getString("teacher_staff_id"), rs.getString("teacher_name"), rs.getString("division"),
                        rs.getString("school_year")))
                .list();
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("teacher", onlyTeacher);
        what.put("page", page);
        what.put("size", size);
        audit.record(user, AuditEntry.of("roster.enrollments.list").organization(pid, schoolYear)
                .students(enrollments.stream().map(EnrollmentView::stn).distinct().toList()).details(what)
                .count(enrollments.size()));
        return enrollments;
    }
}
