package org.ctims.followup.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The student list of an organization and year: filtered, sorted and paged in SQL, with the
 * caller's scope in the same statement, and totals over the whole filter (not just the page).
 */
@Component
public class ReportList {

    /** Sortable columns by their API name; ties are broken by name and STN so pages are stable. */
    static final Map<String, String> SORTS = Map.ofEntries(
            Map.entry("name", "lower(r.family_name) %1$s nulls last, lower(r.given_name) %1$s nulls last"),
            Map.entry("stn", "r.stn %s"),
            Map.entry("birthDate", "r.birth_date %s nulls last"),
            Map.entry("grade", "r.grade %s nulls last"),
            Map.entry("gender", "r.gender %s nulls last"),
            Map.entry("school", "lower(r.organization_name) %s nulls last"),
            Map.entry("pid", "r.organization_pid %s"),
            Map.entry("teachers", "lower(t.teachers) %s nulls last"),
            Map.entry("division", "lower(t.divisions) %s nulls last"),
            Map.entry("followUpComplete", "r.follow_up_complete %s"),
            Map.entry("certificateComplete", "r.certificate_complete %s"),
            Map.entry("lastSavedAt", "r.last_saved_at %s nulls last"),
            Map.entry("lastSavedBy", "lower(r.last_saved_by_name) %s nulls last"));

    /**
     * @param teacher a teacher's staff id: only students with an enrollment of that teacher
     * @param query part of the student's name or STN
     */
    public record Filter(String organizationPid, String schoolYear, String teacher, Integer grade,
                         Boolean followUpComplete, Boolean certificateComplete, String query) {
    }

    public record Row(UUID id, String schoolName, String pid, String teachers, String studentName, String givenName,
                      String familyName, String stn, LocalDate birthDate, Integer grade, String gender, String division,
                      boolean followUpApplies, boolean followUpComplete, boolean certificateComplete, boolean removed,
                      String lastSavedBy, Instant lastSavedAt, int version) {
    }

    /** Counts over the whole filter. {@code followUpApplicable} counts the grade-12 students. */
    public record Totals(long students, long followUpApplicable, long followUpComplete, long followUpIncomplete,
                         long certificateComplete, long certificateIncomplete) {
    }

    public record Page(List<Row> rows, int page, int size, long totalRows, int totalPages, String sort, Totals totals) {
    }

    private final JdbcClient jdbc;

    ReportList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Page list(Filter filter, ReportScope scope, int page, int size, String sortColumn, boolean descending) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, scope, params);
        String teachers = """
                left join lateral (select string_agg(distinct coalesce(e.teacher_name, e.teacher_staff_id), '; ') as teachers,
                                          string_agg(distinct e.division, '; ') as divisions
                                   from report_enrollment e where e.report_id = r.id and (not e.removed or r.removed)) t on true
                """;
        String order = SORTS.get(sortColumn).formatted(descending ? "desc" : "asc") + ", r.family_name, r.given_name, r.stn";
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Row> rows = jdbc.sql("select r.*, t.teachers, t.divisions from report r " + teachers + where
                        + " order by " + order + " limit ? offset ?")
                .params(pageParams)
                .query((rs, i) -> {
                    Timestamp saved = rs.getTimestamp("last_saved_at");
                    Integer grade = (Integer) rs.getObject("grade") == null ? null : rs.getInt("grade");
                    String given = rs.getString("given_name");
                    String family = rs.getString("family_name");
                    return new Row(rs.getObject("id", UUID.class), rs.getString("organization_name"),
                            rs.getString("organization_pid"), rs.getString("teachers"),
                            (family == null ? "" : family) + (given == null ? "" : ", " + given), given, family,
                            rs.getString("stn"), rs.getObject("birth_date", LocalDate.class), grade, rs.getString("gender"),
                            rs.getString("divisions"), FollowUpApplicability.applies(grade),
                            rs.getBoolean("follow_up_complete"), rs.getBoolean("certificate_complete"),
                            rs.getBoolean("removed"), rs.getString("last_saved_by_name"),
                            saved == null ? null : saved.toInstant(), rs.getInt("version"));
                })
                .list();
        Totals totals = jdbc.sql("""
                select count(*) as students,
                       count(*) filter (where r.grade = 12) as applicable,
                       count(*) filter (where r.grade = 12 and r.follow_up_complete) as fu_complete,
                       count(*) filter (where r.certificate_complete) as cert_complete
                from report r""" + where)
                .params(params)
                .query((rs, i) -> new Totals(rs.getLong("students"), rs.getLong("applicable"), rs.getLong("fu_complete"),
                        rs.getLong("applicable") - rs.getLong("fu_complete"), rs.getLong("cert_complete"),
                        rs.getLong("students") - rs.getLong("cert_complete")))
                .single();
        int pages = (int) ((totals.students() + size - 1) / size);
        return new Page(rows, page, size, totals.students(), pages, sortColumn + (descending ? ",desc" : ",asc"), totals);
    }

    private static String where(Filter f, ReportScope scope, List<Object> params) {
        StringBuilder sql = new StringBuilder(" where r.organization_pid = ? and r.school_year = ? and ");
        params.add(f.organizationPid());
        params.add(f.schoolYear());
        sql.append(ReportScope.CONDITION);
        params.addAll(scope.params());
        if (f.teacher() != null) {
            sql.append(" and exists (select 1 from report_enrollment te where te.report_id = r.id and te.teacher_staff_id = ?)");
            params.add(f.teacher());
        }
        if (f.grade() != null) {
            sql.append(" and r.grade = ?");
            params.add(f.grade());
        }
        if (f.followUpComplete() != null) {
            // "Not complete" lists only students the follow-up applies to: a junior is not a missing follow-up.
            sql.append(f.followUpComplete() ? " and r.follow_up_complete" : " and not r.follow_up_complete and r.grade = 12");
        }
        if (f.certificateComplete() != null) {
            sql.append(f.certificateComplete() ? " and r.certificate_complete" : " and not r.certificate_complete");
        }
        if (f.query() != null) {
            String like = "%" + f.query().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (r.stn like ? or lower(coalesce(r.given_name, '') || ' ' || coalesce(r.family_name, '')) like ?"
                    + " or lower(coalesce(r.family_name, '') || ', ' || coalesce(r.given_name, '')) like ?)");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        return sql.toString();
    }
}
