package org.ctims.roster.enrollment;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ctims.platform.events.OutgoingEvent;
import org.ctims.roster.oneroster.EnrollmentRefresher;
import org.ctims.roster.oneroster.RecordType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the stored OneRoster records into canonical enrollments and publishes every change.
 * For each student enrollment it joins user, demographics, class, school, term and the class's
 * (primary) teacher; the result is compared with what was last published: new → added, different
 * → changed, gone (the enrollment or something it refers to was deleted, or it is no longer a
 * student's) → removed. What cannot be resolved yet because a referenced record has not arrived
 * waits in {@code pending_enrollment} and is resolved again when that record comes.
 */
@Service
class EnrollmentResolver implements EnrollmentRefresher {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final EnrollmentPublisher publisher;

    EnrollmentResolver(JdbcClient jdbc, JdbcTemplate batch, EnrollmentPublisher publisher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.publisher = publisher;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> affectedBy(String sis, RecordType type, Collection<String> sourcedIds) {
        if (sourcedIds.isEmpty()) {
            return Set.of();
        }
        String sql = switch (type) {
            case ORG -> """
                    select sourced_id from roster_enrollment where sis = :sis and school_sourced_id = any(:ids)
                    union
                    select e.sourced_id from roster_class c
                    join roster_enrollment e on e.sis = c.sis and e.class_sourced_id = c.sourced_id
                    where c.sis = :sis and c.school_sourced_id = any(:ids)""";
            case ACADEMIC_SESSION -> """
                    select e.sourced_id from roster_class c
                    join roster_enrollment e on e.sis = c.sis and e.class_sourced_id = c.sourced_id
                    where c.sis = :sis and c.term_sourced_id = any(:ids)""";
            case CLASS -> "select sourced_id from roster_enrollment where sis = :sis and class_sourced_id = any(:ids)";
            case USER, DEMOGRAPHIC -> """
                    select sourced_id from roster_enrollment where sis = :sis and user_sourced_id = any(:ids)
                    union
                    select s.sourced_id from roster_enrollment t
                    join roster_enrollment s on s.sis = t.sis and s.class_sourced_id = t.class_sourced_id
                    where t.sis = :sis and t.user_sourced_id = any(:ids) and t.role = 'teacher'""";
            case ENROLLMENT -> """
                    select id from unnest(:ids) as ids(id)
                    union
                    select s.sourced_id from roster_enrollment t
                    join roster_enrollment s on s.sis = t.sis and s.class_sourced_id = t.class_sourced_id
                    where t.sis = :sis and t.sourced_id = any(:ids) and t.role = 'teacher'""";
            // Roles do not decide enrollments: an enrollment's own role says student or teacher.
            case ROLE -> null;
        };
        if (sql == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(jdbc.sql(sql).param("sis", sis).param("ids", textArray(sourcedIds))
                .query(String.class).list());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void refresh(String sis, Set<String> enrollmentSourcedIds) {
        if (enrollmentSourcedIds.isEmpty()) {
            return;
        }
        SqlParameterValue ids = textArray(new TreeSet<>(enrollmentSourcedIds));
        // Serialize resolutions of the same enrollments (several consumers or an upload at once):
        // whoever resolves second waits here and then sees the first one's committed records, so no
        // change is lost between two transactions that each saw only their own. Sorted: no deadlock
        // between two refreshes.
        jdbc.sql("select sourced_id from roster_enrollment where sis = :sis and sourced_id = any(:ids) order by sourced_id for update")
                .param("sis", sis).param("ids", ids).query(String.class).list();
        Map<String, Resolution> resolutions = jdbc.sql(RESOLVE).param("sis", sis).param("ids", ids)
                .query(EnrollmentResolver::resolution).list().stream()
                .collect(Collectors.toMap(Resolution::sourcedId, Function.identity()));
        Map<String, EnrollmentFacts> published = jdbc.sql("select * from enrollment where sis = :sis and sourced_id = any(:ids)")
                .param("sis", sis).param("ids", ids).query(EnrollmentResolver::facts).list().stream()
                .collect(Collectors.toMap(EnrollmentFacts::sourcedId, Function.identity()));
        Changes changes = new Changes();
        for (String id : enrollmentSourcedIds) {
            Resolution resolution = resolutions.get(id);
            if (resolution == null) {
                continue; // never received (e.g. a reference to an enrollment that has not arrived)
            }
            changes.apply(resolution, Optional.ofNullable(published.get(id)));
        }
        changes.write(sis);
    }

    /** What a refresh changes, collected first and then written with one statement (or one batch) each. */
    private final class Changes {

        private final List<EnrollmentFacts> stored = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<String> resolved = new ArrayList<>();
        private final List<Resolution> waiting = new ArrayList<>();
        private final List<OutgoingEvent> events = new ArrayList<>();

        void apply(Resolution resolution, Optional<EnrollmentFacts> published) {
            if (resolution.facts() != null) {
                resolved.add(resolution.sourcedId());
                EnrollmentFacts facts = resolution.facts();
                if (published.isEmpty()) {
                    stored.add(facts);
                    events.add(publisher.recorded(facts, "added"));
                } else if (!published.get().equals(facts)) {
                    stored.add(facts);
                    EnrollmentFacts previous = published.get();
                    if (!previous.stn().equals(facts.stn())) {
                        // The key (STN) changes: retract under the old key, add under the new one.
                        events.add(publisher.removed(previous));
                        events.add(publisher.recorded(facts, "added"));
                    } else {
                        events.add(publisher.recorded(facts, "changed"));
                    }
                }
                return;
            }
            published.ifPresent(previous -> {
                removed.add(previous.sourcedId());
                events.add(publisher.removed(previous));
            });
            if (resolution.waitingFor() != null) {
                waiting.add(resolution);
            } else {
                resolved.add(resolution.sourcedId());
            }
        }

        void write(String sis) {
            if (!removed.isEmpty()) {
                jdbc.sql("delete from enrollment where sis = :sis and sourced_id = any(:ids)")
                        .param("sis", sis).param("ids", textArray(removed)).update();
            }
            if (!resolved.isEmpty()) {
                jdbc.sql("delete from pending_enrollment where sis = :sis and sourced_id = any(:ids)")
                        .param("sis", sis).param("ids", textArray(resolved)).update();
            }
            if (!waiting.isEmpty()) {
                batch.batchUpdate("""
                        insert into pending_enrollment (sis, sourced_id, school_sourced_id, waiting_for) values (?, ?, ?, ?)
                        on conflict (sis, sourced_id) do update set waiting_for = excluded.waiting_for,
                            school_sourced_id = excluded.school_sourced_id""",
                        waiting.stream().map(r -> new Object[] {sis, r.sourcedId(), r.schoolSourcedId(), r.waitingFor()}).toList());
            }
            if (!stored.isEmpty()) {
                batch.batchUpdate(STORE, stored.stream().map(EnrollmentResolver::storeParams).toList());
            }
            publisher.publishAll(events);
        }
    }

    private static SqlParameterValue textArray(Collection<String> values) {
        return new SqlParameterValue(Types.ARRAY, "text", values.toArray(String[]::new));
    }

    private static final String STORE = """
            insert into enrollment (sis, sourced_id, stn, given_name, family_name, birth_date, gender, grade, email,
                organization_pid, organization_name, teacher_staff_id, teacher_name, division, school_year, class_sourced_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (sis, sourced_id) do update set stn = excluded.stn, given_name = excluded.given_name,
                family_name = excluded.family_name, birth_date = excluded.birth_date, gender = excluded.gender,
                grade = excluded.grade, email = excluded.email, organization_pid = excluded.organization_pid,
                organization_name = excluded.organization_name, teacher_staff_id = excluded.teacher_staff_id,
                teacher_name = excluded.teacher_name, division = excluded.division, school_year = excluded.school_year,
                class_sourced_id = excluded.class_sourced_id, recorded_at = now()""";

    private static Object[] storeParams(EnrollmentFacts f) {
        return new Object[] {f.sis(), f.sourcedId(), f.stn(), f.givenName(), f.familyName(),
                f.birthDate() == null ? null : Date.valueOf(f.birthDate()), f.gender(), f.grade(), f.email(),
                f.organizationPid(), f.organizationName(), f.teacherStaffId(), f.teacherName(), f.division(),
                f.schoolYear(), f.classSourcedId()};
    }

    /**
     * Either facts (resolved), or a reason to wait, or neither (removed: deleted, or not a student's).
     */
    record Resolution(String sourcedId, String schoolSourcedId, EnrollmentFacts facts, String waitingFor) {
    }

    private static final String RESOLVE = """
            select e.sis, e.sourced_id, e.status e_status, e.role e_role, e.user_sourced_id, e.class_sourced_id,
                   coalesce(e.school_sourced_id, c.school_sourced_id) school_sourced_id,
                   u.status u_status, u.stn, u.given_name, u.family_name, u.email, u.grade,
                   d.birth_date, d.sex,
                   c.status c_status, c.division, c.term_sourced_id,
                   o.status o_status, o.pid, o.name o_name,
                   s.status s_status, s.school_year,
                   t.staff_id t_staff_id, t.name t_name
            from roster_enrollment e
            left join roster_user u on u.sis = e.sis and u.sourced_id = e.user_sourced_id
            left join demographic d on d.sis = e.sis and d.sourced_id = e.user_sourced_id and d.status = 'active'
            left join roster_class c on c.sis = e.sis and c.sourced_id = e.class_sourced_id
            left join org o on o.sis = e.sis and o.sourced_id = coalesce(e.school_sourced_id, c.school_sourced_id)
            left join academic_session s on s.sis = e.sis and s.sourced_id = c.term_sourced_id
            left join lateral (
                select tu.staff_id, nullif(concat_ws(' ', tu.given_name, tu.family_name), '') as name
                from roster_enrollment te
                join roster_user tu on tu.sis = te.sis and tu.sourced_id = te.user_sourced_id
                    and tu.status = 'active' and tu.staff_id is not null
                where te.sis = e.sis and te.class_sourced_id = e.class_sourced_id and te.role = 'teacher'
                    and te.status = 'active'
                order by te.is_primary desc, te.sourced_id
                limit 1) t on true
            where e.sis = :sis and e.sourced_id = any(:ids)""";

    private static Resolution resolution(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("sourced_id");
        String school = rs.getString("school_sourced_id");
        if (deleted(rs, "e_status") || !"student".equals(rs.getString("e_role"))) {
            return new Resolution(id, school, null, null);
        }
        List<String> waiting = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        check(rs, "u_status", "user " + rs.getString("user_sourced_id"), waiting, deleted);
        check(rs, "c_status", "class " + rs.getString("class_sourced_id"), waiting, deleted);
        if (rs.getString("c_status") != null) {
            check(rs, "o_status", "org " + school, waiting, deleted);
            check(rs, "s_status", "academicSession " + rs.getString("term_sourced_id"), waiting, deleted);
        }
        if (!deleted.isEmpty()) {
            return new Resolution(id, school, null, null);
        }
        String stn = rs.getString("stn");
        if (rs.getString("u_status") != null && (stn == null || !stn.matches("\\d{10}"))) {
            waiting.add("a 10-digit STN for user " + rs.getString("user_sourced_id"));
        }
        if (rs.getString("o_status") != null && rs.getString("pid") == null) {
            waiting.add("the PID of org " + school);
        }
        if (rs.getString("c_status") != null && rs.getString("t_staff_id") == null) {
            waiting.add("a teacher of class " + rs.getString("class_sourced_id"));
        }
        if (!waiting.isEmpty()) {
            return new Resolution(id, school, null, String.join(", ", waiting));
        }
        Date birth = rs.getDate("birth_date");
        Integer grade = rs.getObject("grade") == null ? null : rs.getInt("grade");
        return new Resolution(id, school, new EnrollmentFacts(rs.getString("sis"), id, stn, rs.getString("given_name"),
                rs.getString("family_name"), birth == null ? null : birth.toLocalDate(), rs.getString("sex"), grade,
                rs.getString("email"), rs.getString("pid"), rs.getString("o_name"), rs.getString("t_staff_id"),
                rs.getString("t_name"), rs.getString("division"), rs.getString("school_year"),
                rs.getString("class_sourced_id")), null);
    }

    private static void check(ResultSet rs, String statusColumn, String what, List<String> waiting, List<String> deleted)
            throws SQLException {
        String status = rs.getString(statusColumn);
        if (status == null) {
            waiting.add(what);
        } else if ("tobedeleted".equals(status)) {
            deleted.add(what);
        }
    }

    private static boolean deleted(ResultSet rs, String statusColumn) throws SQLException {
        return "tobedeleted".equals(rs.getString(statusColumn));
    }

    private static EnrollmentFacts facts(ResultSet rs, int row) throws SQLException {
        Date birth = rs.getDate("birth_date");
        LocalDate birthDate = birth == null ? null : birth.toLocalDate();
        Integer grade = rs.getObject("grade") == null ? null : rs.getInt("grade");
        return new EnrollmentFacts(rs.getString("sis"), rs.getString("sourced_id"), rs.getString("stn"),
                rs.getString("given_name"), rs.getString("family_name"), birthDate, rs.getString("gender"), grade,
                rs.getString("email"), rs.getString("organization_pid"), rs.getString("organization_name"),
                rs.getString("teacher_staff_id"), rs.getString("teacher_name"), rs.getString("division"),
                rs.getString("school_year"), rs.getString("class_sourced_id"));
    }
}
