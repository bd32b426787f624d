package org.ctims.followup.report;

import java.util.List;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;

/**
 * Which reports a caller may see, as a SQL condition on {@code report r}: state staff and report
 * consumers every report; a school admin every report of their organizations; a teacher the
 * reports at their organizations of students they teach (an enrollment with their staff id).
 * Everything else is invisible, so a lookup by id answers 404.
 */
record ReportScope(boolean all, String adminPids, String teacherPids, String staffId) {

    static final String CONDITION = """
            (? or r.organization_pid = any(string_to_array(?, ','))
              or (r.organization_pid = any(string_to_array(?, ','))
                  and exists (select 1 from report_enrollment se where se.report_id = r.id and se.teacher_staff_id = ?)))""";

    static ReportScope reading(CurrentUser user) {
        boolean all = user.hasRole(Role.STATE_ADMIN) || user.hasRole(Role.REPORT_CONSUMER);
        return writing(user).withAll(all);
    }

    /** State staff read everything but write nothing (DOMAIN.md "Roles"). */
    static ReportScope writing(CurrentUser user) {
        String pids = String.join(",", user.organizationPids());
        return new ReportScope(false,
                user.hasRole(Role.SCHOOL_ADMIN) ? pids : "",
                user.hasRole(Role.TEACHER) && user.staffId() != null ? pids : "",
                user.staffId());
    }

    private ReportScope withAll(boolean everything) {
        return new ReportScope(everything, adminPids, teacherPids, staffId);
    }

    boolean writesNothing() {
        return !all && adminPids.isEmpty() && teacherPids.isEmpty();
    }

    List<Object> params() {
        return java.util.Arrays.asList(all, adminPids, teacherPids, staffId);
    }
}
