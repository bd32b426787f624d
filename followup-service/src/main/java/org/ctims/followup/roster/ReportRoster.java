package org.ctims.followup.roster;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ctims.followup.report.ReportCarryOver;
import org.ctims.followup.report.ReportCompletion;
import org.ctims.platform.events.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the reports in step with the roster: one report per student x organization x enrollment
 * year, shared by all the student's teachers there. A report whose enrollments are all removed is
 * marked {@code removed} and keeps every answer. Per enrollment the newest event (by
 * {@code ce_time}) wins: replays and stragglers change nothing.
 */
@Service
class ReportRoster {

    static final String CONSUMER = "followup.enrollments";

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final ReportCompletion completion;
    private final ReportCarryOver carryOver;

    ReportRoster(JdbcClient jdbc, Inbox inbox, ReportCompletion completion, ReportCarryOver carryOver) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.completion = completion;
        this.carryOver = carryOver;
    }

    @Transactional
    public void apply(Message<?> message, Instant time, EnrollmentEvent event) {
        inbox.runOnce(CONSUMER, message, () -> {
            Optional<Map<String, Object>> known = jdbc.sql("""
                    select report_id, event_time from report_enrollment where enrollment_id = ? for update""")
                    .param(event.enrollmentId()).query().listOfRows().stream().findFirst();
            if (known.isPresent() && !((Timestamp) known.get().get("event_time")).toInstant().isBefore(time)) {
                return;
            }
            UUID previousReport = known.map(row -> (UUID) row.get("report_id")).orElse(null);
            if (event.removed()) {
                remove(event, time, previousReport);
            } else {
                record(event, time, previousReport);
            }
        });
    }

    private void record(EnrollmentEvent e, Instant time, UUID previousReport) {
        Timestamp at = Timestamp.from(time);
        jdbc.sql("""
                insert into report (id, stn, organization_pid, school_year, organization_name, given_name, family_name,
                                    birth_date, gender, grade, student_email, email, roster_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (stn, organization_pid, school_year) do nothing""")
                .params(UUID.randomUUID(), e.stn(), e.organizationPid(), e.schoolYear(), e.organizationName(),
                        e.givenName(), e.familyName(), e.birthDate(), e.gender(), e.grade(), e.email(), e.email(), at)
                .update();
        // Student facts come from the newest event of any of the student's enrollments there. The
        // roster's e-mail fills the answer only until someone saved the report: a teacher's entry wins.
        jdbc.sql("""
                update report set organization_name = ?, given_name = ?, family_name = ?, birth_date = ?, gender = ?,
                       grade = ?, student_email = ?, roster_updated_at = ?,
                       email = case when last_saved_at is null then coalesce(?, email) else email end
                where stn = ? and organization_pid = ? and school_year = ? and roster_updated_at < ?""")
                .params(e.organizationName(), e.givenName(), e.familyName(), e.birthDate(), e.gender(), e.grade(),
                        e.email(), at, e.email(), e.stn(), e.organizationPid(), e.schoolYear(), at)
                .update();
        UUID report = jdbc.sql("select id from report where stn = ? and organization_pid = ? and school_year = ?")
                .params(e.stn(), e.organizationPid(), e.schoolYear()).query(UUID.class).single();
        jdbc.sql("""
                insert into report_enrollment (enrollment_id, report_id, teacher_staff_id, teacher_name, division, removed, event_time)
                values (?, ?, ?, ?, ?, false, ?)
                on conflict (enrollment_id) do update set report_id = excluded.report_id,
                       teacher_staff_id = excluded.teacher_staff_id, teacher_name = excluded.teacher_name,
                       division = excluded.division, removed = false, event_time = excluded.event_time""")
                .params(e.enrollmentId(), report, e.teacherStaffId(), e.teacherName(), e.division(), at)
                .update();
        refreshRemoved(report);
        if (previousReport != null && !previousReport.equals(report)) {
            // The enrollment moved to another report: the SIS corrected the student's STN.
            carryOver.carryOver(previousReport, report, time);
            refreshRemoved(previousReport);
        }
        // The grade decides whether the follow-up applies, so the flags may change with it.
        completion.refresh(report, time);
    }

    private void remove(EnrollmentEvent e, Instant time, UUID previousReport) {
        // Without a report yet (a removal seen first) the row is a tombstone: an older
        // "recorded" replayed later cannot bring the enrollment back.
        jdbc.sql("""
                insert into report_enrollment (enrollment_id, report_id, teacher_staff_id, teacher_name, division, removed, event_time)
                values (?, null, ?, ?, ?, true, ?)
                on conflict (enrollment_id) do update set removed = true, event_time = excluded.event_time""")
                .params(e.enrollmentId(), e.teacherStaffId(), e.teacherName(), e.division(), Timestamp.from(time))
                .update();
        if (previousReport != null) {
            refreshRemoved(previousReport);
        }
    }

    private void refreshRemoved(UUID report) {
        jdbc.sql("""
                update report r set removed = not exists
                       (select 1 from report_enrollment e where e.report_id = r.id and not e.removed)
                where id = ?""").param(report).update();
    }
}
