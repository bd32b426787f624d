package org.ctims.roster.oneroster;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps the newest version of every OneRoster record per SIS. Each write is one upsert that
 * applies only when the incoming {@code dateLastModified} is newer than the stored one, so an older
 * or equal record (a replay, a redelivery, a late straggler) changes nothing, even when two
 * instances race. Plain SQL rather than Spring Data JDBC's {@code save}, which cannot express
 * "update only if newer" atomically.
 */
@Repository
class RosterStore {

    private final JdbcClient jdbc;

    RosterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether the record was newer than what is stored (and so was applied) */
    boolean save(OneRosterRecord record) {
        RecordHeader header = record.header();
        if (record instanceof OneRosterRecord.Org org) {
            return upsert("org", header, "name, type, pid, parent_sourced_id",
                    org.name(), org.type(), org.pid(), org.parentSourcedId());
        }
        if (record instanceof OneRosterRecord.AcademicSession s) {
            return upsert("academic_session", header, "title, type, school_year, start_date, end_date",
                    s.title(), s.type(), s.schoolYear(), sqlDate(s.startDate()), sqlDate(s.endDate()));
        }
        if (record instanceof OneRosterRecord.User u) {
            return upsert("roster_user", header, "given_name, family_name, email, stn, staff_id, grade, roles",
                    u.givenName(), u.familyName(), u.email(), u.stn(), u.staffId(), u.grade(),
                    u.roles().toArray(String[]::new));
        }
        if (record instanceof OneRosterRecord.Role r) {
            return upsert("user_role", header, "user_sourced_id, org_sourced_id, role, role_type",
                    r.userSourcedId(), r.orgSourcedId(), r.role(), r.roleType());
        }
        if (record instanceof OneRosterRecord.Clazz c) {
            return upsert("roster_class", header, "title, school_sourced_id, course_sourced_id, term_sourced_id, division",
                    c.title(), c.schoolSourcedId(), c.courseSourcedId(), c.termSourcedId(), c.division());
        }
        if (record instanceof OneRosterRecord.Enrollment e) {
            return upsert("roster_enrollment", header,
                    "user_sourced_id, class_sourced_id, school_sourced_id, role, is_primary, begin_date, end_date",
                    e.userSourcedId(), e.classSourcedId(), e.schoolSourcedId(), e.role(), e.primary(),
                    sqlDate(e.beginDate()), sqlDate(e.endDate()));
        }
        OneRosterRecord.Demographic d = (OneRosterRecord.Demographic) record;
        return upsert("demographic", header, "birth_date, sex", sqlDate(d.birthDate()), d.sex());
    }

    private boolean upsert(String table, RecordHeader header, String columns, Object... values) {
        String[] names = columns.split(",\\s*");
        StringBuilder sql = new StringBuilder("insert into ").append(table)
                .append(" (sis, sourced_id, status, date_last_modified, ").append(columns).append(") values (?, ?, ?, ?");
        sql.append(", ?".repeat(names.length)).append(") on conflict (sis, sourced_id) do update set status = excluded.status, ")
                .append("date_last_modified = excluded.date_last_modified");
        for (String name : names) {
            sql.append(", ").append(name).append(" = excluded.").append(name);
        }
        sql.append(" where ").append(table).append(".date_last_modified < excluded.date_last_modified");
        Object[] params = new Object[4 + values.length];
        params[0] = header.sis();
        params[1] = header.sourcedId();
        params[2] = header.status().wireName();
        params[3] = Timestamp.from(header.dateLastModified());
        System.arraycopy(values, 0, params, 4, values.length);
        return jdbc.sql(sql.toString()).params(params).update() == 1;
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
