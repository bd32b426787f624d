package org.ctims.report.progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Completion figures and their history from the read models. */
@Repository
class ProgressRepository {

    private final JdbcClient jdbc;

    ProgressRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope of a query: the state ({@code pid} null), a school, or a teacher at a school. */
    record Scope(String year, String pid, String staffId) {

        String enrollmentCondition(String alias) {
            return (pid == null ? "" : " and " + alias + ".organization_pid = :pid")
                    + (staffId == null ? "" : " and " + alias + ".teacher_staff_id = :staff");
        }

        Map<String, Object> params() {
            Map<String, Object> params = new java.util.HashMap<>();
            params.put("year", year);
            if (pid != null) {
                params.put("pid", pid);
            }
            if (staffId != null) {
                params.put("staff", staffId);
            }
            return params;
        }
    }

    /** Today's figures, counted like the summaries (each student once per school). */
    Figures figures(Scope scope) {
        return jdbc.sql("""
                with s as (
                    select e.organization_pid, e.stn, bool_or(e.grade = 12) as applies
                    from enrollment e where e.school_year = :year and not e.removed %s
                    group by e.organization_pid, e.stn)
                select count(*) as students, count(*) filter (where s.applies) as applicable,
                       count(*) filter (where s.applies and r.follow_up_complete) as follow_up_complete,
                       count(*) filter (where r.certificate_complete) as certificate_complete
                from s left join lateral (
                    select r.follow_up_complete, r.certificate_complete from report_state r
                    where r.stn = s.stn and r.organization_pid = s.organization_pid and r.school_year = :year
                    order by r.version desc limit 1) r on true""".formatted(scope.enrollmentCondition("e")))
                .params(scope.params())
                .query((rs, i) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    /** How the complete counts changed on one day, and how many saves there were. */
    record DayChange(LocalDate date, long followUpComplete, long certificateComplete, long saves) {
    }

    /**
     * Per calendar day (in {@code zone}) of the saves: the change of the number of complete reports.
     * Each version counts against the version before it of the same report (in version order, so
     * the order the events came in does not matter); only reports of students in the scope today.
     */
    List<DayChange> dayChanges(Scope scope, ZoneId zone) {
        Map<String, Object> params = scope.params();
        params.put("zone", zone.getId());
        return jdbc.sql("""
                with v as (
                    select rv.saved_at, rv.follow_up_complete, rv.certificate_complete,
                           lag(rv.follow_up_complete, 1, false) over w as follow_up_before,
                           lag(rv.certificate_complete, 1, false) over w as certificate_before
                    from report_version rv
                    where rv.school_year = :year and exists (
                        select 1 from enrollment e
                        where e.stn = rv.stn and e.organization_pid = rv.organization_pid and e.school_year = :year
                          and not e.removed %s)
                    window w as (partition by rv.report_id order by rv.version))
                select (saved_at at time zone :zone)::date as day,
                       sum(follow_up_complete::int - follow_up_before::int) as follow_up,
                       sum(certificate_complete::int - certificate_before::int) as certificate,
                       count(*) as saves
                from v group by 1 order by 1""".formatted(scope.enrollmentCondition("e")))
                .params(params)
                .query((rs, i) -> new DayChange(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** A teacher of a student at a school in a year (active enrollments), with the newest name. */
    record Teacher(String staffId, String name) {
    }

    List<Teacher> teachersOf(String stn, String pid, String year) {
        return jdbc.sql("""
                select teacher_staff_id, max(teacher_name) from enrollment
                where stn = ? and organization_pid = ? and school_year = ? and not removed
                group by teacher_staff_id order by teacher_staff_id""")
                .params(stn, pid, year)
                .query((rs, i) -> new Teacher(rs.getString(1), rs.getString(2))).list();
    }

    /** Marks a report version as announced; false when it already was (e.g. during a replay). */
    /**
     * Holds the school's progress until the transaction ends: reports of one school arrive on
     * several partitions, consumed side by side, and each announcement must count the others'
     * committed changes (or two last reports could each see 99% and no one announce 100%).
     */
    void lockSchool(String organizationPid, String schoolYear) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('report.progress:' || ? || ':' || ?))")
                .params(organizationPid, schoolYear).query((rs, i) -> 1).list();
    }

    boolean markAnnounced(UUID reportId, int version) {
        return jdbc.sql("insert into progress_announced (report_id, version) values (?, ?) on conflict do nothing")
                .params(reportId, version).update() == 1;
    }
}
