package org.ctims.report.progress;

import java.time.Instant;

/**
 * The payloads of {@code report.progress.v1} (schemas in {@code src/main/resources/events/}).
 * Every event is keyed by the organization PID, so one school's events stay in order.
 */
final class ProgressEvents {

    static final String TEACHER_PROGRESS_CHANGED = "ctims.report.teacher-progress-changed.v1";
    static final String SCHOOL_PROGRESS_CHANGED = "ctims.report.school-progress-changed.v1";
    static final String SCHOOL_FOLLOW_UP_COMPLETED = "ctims.report.school-follow-up-completed.v1";

    private ProgressEvents() {
    }

    /** A teacher's completion figures at a school after a report of one of their students changed. */
    record TeacherProgressChanged(String organizationPid, String organizationName, String schoolYear,
                                  String teacherStaffId, String teacherName, long students, long followUpApplicable,
                                  long followUpComplete, long followUpIncomplete, long certificateComplete,
                                  Instant changedAt) {

        static TeacherProgressChanged of(CompletionChange c, String schoolName, ProgressRepository.Teacher t, Figures f) {
            return new TeacherProgressChanged(c.organizationPid(), schoolName, c.schoolYear(), t.staffId(), t.name(),
                    f.students(), f.followUpApplicable(), f.followUpComplete(), f.followUpIncomplete(),
                    f.certificateComplete(), c.savedAt());
        }
    }

    /** A school's completion figures after one of its reports changed. */
    record SchoolProgressChanged(String organizationPid, String organizationName, String schoolYear, long students,
                                 long followUpApplicable, long followUpComplete, long followUpIncomplete,
                                 long certificateComplete, Instant changedAt) {

        static SchoolProgressChanged of(CompletionChange c, String schoolName, Figures f) {
            return new SchoolProgressChanged(c.organizationPid(), schoolName, c.schoolYear(), f.students(),
                    f.followUpApplicable(), f.followUpComplete(), f.followUpIncomplete(), f.certificateComplete(),
                    c.savedAt());
        }
    }

    /** Milestone: every follow-up that applies at the school is complete (100%). */
    record SchoolFollowUpCompleted(String organizationPid, String organizationName, String schoolYear,
                                   long followUpApplicable, long followUpComplete, Instant reachedAt) {
    }
}
