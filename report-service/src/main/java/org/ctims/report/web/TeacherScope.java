package org.ctims.report.web;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which teachers' figures a caller may see at an organization in their scope: a teacher only their
 * own ({@code staff_id}); school administrators, state staff and report consumers every teacher's.
 */
public final class TeacherScope {

    private TeacherScope() {
    }

    public static boolean seesEveryTeacher(CurrentUser user) {
        return user.hasRole(Role.SCHOOL_ADMIN) || user.hasRole(Role.STATE_ADMIN) || user.hasRole(Role.REPORT_CONSUMER);
    }

    /**
     * The teacher a request is about: the one named, or for a caller limited to their own figures
     * who names none, themselves; null (the whole school) for everyone else who names none.
     */
    public static String requested(String teacher, CurrentUser user) {
        return teacher == null && !seesEveryTeacher(user) ? user.staffId() : teacher;
    }

    /** 403 when a teacher asks for another teacher's figures. */
    public static void requireVisible(String staffId, CurrentUser user) {
        if (!seesEveryTeacher(user) && !staffId.equals(user.staffId())) {
            throw new AccessDeniedException("A teacher sees only their own figures");
        }
    }
}
