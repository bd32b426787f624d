package org.ctims.roster.oneroster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Keeps the newest version of every OneRoster record per SIS, one table per record type. Records
 * of one type are written together: one {@code insert … select from unnest(…)} upsert that applies a
 * row only when the incoming {@code dateLastModified} is newer than the stored one, so an older or
 * equal record (a replay, a redelivery, a late straggler) changes nothing, even when two instances
 * race. Each column travels as one text array and is cast in the statement.
 */
@Repository
class RosterStore {

    /** A stored column: its name and how its text is turned into the column's type. */
    private record Column(String name, String cast) {
        String select(String alias) {
            return cast.formatted(alias + "." + name);
        }
    }

    /** A raw record table, its data columns and how a record fills them. */
    private record Table(String name, List<Column> columns, Function<OneRosterRecord, List<Object>> values) {
    }

    private static final String TEXT = "%s";
    private static final String DATE = "cast(%s as date)";

    private static final Map<RecordType, Table> TABLES = Map.of(
            RecordType.ORG, new Table("org", columns("name", TEXT, "type", TEXT, "pid", TEXT, "parent_sourced_id", TEXT),
                    r -> r instanceof OneRosterRecord.Org o ? list(o.name(), o.type(), o.pid(), o.parentSourcedId()) : nulls(4)),
            RecordType.ACADEMIC_SESSION, new Table("academic_session",
                    columns("title", TEXT, "type", TEXT, "school_year", TEXT, "start_date", DATE, "end_date", DATE),
                    r -> r instanceof OneRosterRecord.AcademicSession s
                            ? list(s.title(), s.type(), s.schoolYear(), s.startDate(), s.endDate()) : nulls(5)),
            RecordType.USER, new Table("roster_user", columns("given_name", TEXT, "family_name", TEXT, "email", TEXT,
                    "stn", TEXT, "staff_id", TEXT, "grade", "cast(%s as integer)",
                    "roles", "coalesce(string_to_array(%s, chr(31)), '{}')"),
                    r -> r instanceof OneRosterRecord.User u ? list(u.givenName(), u.familyName(), u.email(), u.stn(),
                            u.staffId(), u.grade(), String.join("\u001f", u.roles())) : nulls(7)),
            RecordType.ROLE, new Table("user_role",
                    columns("user_sourced_id", TEXT, "org_sourced_id", TEXT, "role", TEXT, "role_type", TEXT),
                    r -> r instanceof OneRosterRecord.Role o ? list(o.userSourcedId(), o.orgSourcedId(), o.role(), o.roleType())
                            : nulls(4)),
            RecordType.CLASS, new Table("roster_class", columns("title", TEXT, "school_sourced_id", TEXT,
                    "course_sourced_id", TEXT, "term_sourced_id", TEXT, "division", TEXT),
                    r -> r instanceof OneRosterRecord.Clazz c ? list(c.title(), c.schoolSourcedId(), c.courseSourcedId(),
                            c.termSourcedId(), c.division()) : nulls(5)),
            RecordType.ENROLLMENT, new Table("roster_enrollment", columns("user_sourced_id", TEXT, "class_sourced_id", TEXT,
                    "school_sourced_id", TEXT, "role", TEXT, "is_primary", "coalesce(cast(%s as boolean), false)",
                    "begin_date", DATE, "end_date", DATE),
                    r -> r instanceof OneRosterRecord.Enrollment e ? list(e.userSourcedId(), e.classSourcedId(),
                            e.schoolSourcedId(), e.role(), e.primary(), e.beginDate(), e.endDate()) : nulls(7)),
            RecordType.DEMOGRAPHIC, new Table("demographic", columns("birth_date", DATE, "sex", TEXT),
                    r -> r instanceof OneRosterRecord.Demographic d ? list(d.birthDate(), d.sex()) : nulls(2)));

    private final JdbcTemplate jdbc;

    RosterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The table a record type is kept in. */
    static String tableOf(RecordType type) {
        return TABLES.get(type).name();
    }

    /**
     * Makes every other transaction writing this SIS's records wait until this one ends. Needed
     * because an enrollment and what it refers to may be stored at the same time by two intakes (two
     * instances, or the Kafka intake and an upload): each sees only the other's committed rows, so
     * the one storing a class would not wake an enrollment the other has just parked as waiting for
     * it, and that enrollment would stay waiting. One SIS's writes in turn; different SISes in parallel.
     * Callers lock their SISes in one order (sorted), so two transactions never wait for each other.
     */
    void lockWritesOf(String sis) {
        jdbc.queryForObject("select 1 from pg_advisory_xact_lock(hashtextextended(?, 0))", Integer.class,
                "roster.sis:" + sis);
    }

    /**
     * The records (of one SIS and type, one per sourcedId) that are newer than what is stored, or not
     * stored at all: the ones {@link #saveAll} will apply unless another writer gets there first.
     */
    List<OneRosterRecord> newerThanStored(String sis, RecordType type, List<OneRosterRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        Set<String> newer = new HashSet<>(jdbc.queryForList("""
                select r.sourced_id from unnest(?::text[], ?::text[]) as r(sourced_id, date_last_modified)
                left join %s t on t.sis = ? and t.sourced_id = r.sourced_id
                where t.sourced_id is null or t.date_last_modified < cast(r.date_last_modified as timestamptz)"""
                .formatted(tableOf(type)), String.class,
                records.stream().map(r -> r.header().sourcedId()).toArray(String[]::new),
                records.stream().map(r -> r.header().dateLastModified().toString()).toArray(String[]::new), sis));
        return records.stream().filter(r -> newer.contains(r.header().sourcedId())).toList();
    }

    /** The sourcedIds of the SIS's active records of this type that are not among {@code listed}. */
    List<String> activeNotListed(String sis, RecordType type, String[] listed) {
        return jdbc.queryForList("select sourced_id from " + tableOf(type)
                + " where sis = ? and status = 'active' and not (sourced_id = any(?::text[])) order by sourced_id",
                String.class, sis, listed);
    }

    /**
     * Upserts the records (of one SIS and type, at most one per sourcedId), each only if newer than
     * the stored one.
     *
     * @return the sourcedIds that were applied
     */
    Set<String> saveAll(String sis, RecordType type, List<OneRosterRecord> records) {
        if (records.isEmpty()) {
            return Set.of();
        }
        Table table = TABLES.get(type);
        int width = 3 + table.columns().size();
        List<String[]> arrays = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            arrays.add(new String[records.size()]);
        }
        for (int row = 0; row < records.size(); row++) {
            OneRosterRecord record = records.get(row);
            RecordHeader header = record.header();
            arrays.get(0)[row] = header.sourcedId();
            arrays.get(1)[row] = header.status().wireName();
            arrays.get(2)[row] = header.dateLastModified().toString();
            List<Object> values = table.values().apply(record);
            for (int c = 0; c < values.size(); c++) {
                Object value = values.get(c);
                arrays.get(3 + c)[row] = value == null ? null : value.toString();
            }
        }
        List<String> names = table.columns().stream().map(Column::name).toList();
        String sql = "insert into " + table.name() + " (sis, sourced_id, status, date_last_modified, " + String.join(", ", names)
                + ")\nselect ?, r.sourced_id, r.status, cast(r.date_last_modified as timestamptz), "
                + table.columns().stream().map(c -> c.select("r")).collect(Collectors.joining(", "))
                + "\nfrom unnest(" + "?::text[], ".repeat(width - 1) + "?::text[]) as r(sourced_id, status, date_last_modified, "
                + String.join(", ", names) + ")"
                + "\non conflict (sis, sourced_id) do update set status = excluded.status, date_last_modified = excluded.date_last_modified"
                + names.stream().map(n -> ", " + n + " = excluded." + n).collect(Collectors.joining())
                + "\nwhere " + table.name() + ".date_last_modified < excluded.date_last_modified"
                + "\nreturning sourced_id";
        Object[] params = new Object[1 + width];
        params[0] = sis;
        for (int i = 0; i < width; i++) {
            params[1 + i] = arrays.get(i);
        }
        return new LinkedHashSet<>(jdbc.queryForList(sql, String.class, params));
    }

    private static List<Column> columns(String... nameAndCast) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < nameAndCast.length; i += 2) {
            columns.add(new Column(nameAndCast[i], nameAndCast[i + 1]));
        }
        return columns;
    }

    private static List<Object> list(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private static List<Object> nulls(int count) {
        return java.util.Arrays.asList(new Object[count]);
    }
}
