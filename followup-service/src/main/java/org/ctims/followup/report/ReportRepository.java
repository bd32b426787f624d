package org.ctims.followup.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reports in plain SQL: the scope condition and the version check must be part of the statements
 * themselves (see README "Decisions"), which repository-derived queries cannot express.
 */
@Repository
class ReportRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ReportRepository(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** The report if the scope lets the caller see it; {@code lock} holds it until the transaction ends. */
    Optional<StoredReport> find(UUID id, ReportScope scope, boolean lock) {
        List<Object> params = new ArrayList<>();
        params.add(id);
        params.addAll(scope.params());
        return jdbc.sql("select r.* from report r where r.id = ? and " + ReportScope.CONDITION + (lock ? " for update of r" : ""))
                .params(params)
                .query((rs, i) -> report(rs))
                .optional();
    }

    /** The report without any scope, for the roster's updates. */
    Optional<StoredReport> find(UUID id) {
        return jdbc.sql("select r.* from report r where r.id = ?").param(id).query((rs, i) -> report(rs)).optional();
    }

    void saveAnswers(UUID id, int version, Answers a, Completion c, String by, String byName, Instant at) {
        jdbc.sql("""
                update report set version = ?, email = ?, deceased = ?, education_status = ?, employment_status = ?,
                       job_related = ?, self_employed = ?, job_title = ?, job_duties = ?, took_certification_test = ?,
                       follow_up_complete = ?, certificate_complete = ?, missing = string_to_array(?, ','),
                       last_saved_by = ?, last_saved_by_name = ?, last_saved_at = ?
                where id = ?""")
                .params(version, a.email(), a.deceased(),
                        a.educationStatus() == null ? null : a.educationStatus().code(),
                        a.employmentStatus() == null ? null : a.employmentStatus().code(),
                        a.jobRelated(), a.selfEmployed(), a.jobTitle(), a.jobDuties(), a.tookCertificationTest(),
                        c.followUpComplete(), c.certificateComplete(), String.join(",", c.missing()),
                        by, byName, Timestamp.from(at), id)
                .update();
        jdbc.sql("delete from certification_entry where report_id = ?").param(id).update();
        List<Object[]> entries = new ArrayList<>();
        for (int i = 0; i < a.certifications().size(); i++) {
            CertificationEntry e = a.certifications().get(i);
            entries.add(new Object[] {id, i, e.assessmentNumber(), e.clusterCode(), e.result() == null ? null : e.result().code()});
        }
        if (!entries.isEmpty()) {
            batches.batchUpdate("insert into certification_entry (report_id, position, assessment_number, cluster_code, result)"
                    + " values (?, ?, ?, ?, ?)", entries);
        }
    }

    void saveCompletion(UUID id, Completion c) {
        jdbc.sql("update report set follow_up_complete = ?, certificate_complete = ?, missing = string_to_array(?, ',') where id = ?")
                .params(c.followUpComplete(), c.certificateComplete(), String.join(",", c.missing()), id)
                .update();
    }

    void addHistory(UUID id, int version, String by, String byName, Instant at, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                insert into report_history (report_id, version, changed_by, changed_by_name, changed_at, field, from_value, to_value)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", changes.stream()
                .map(change -> new Object[] {id, version, by, byName, Timestamp.from(at), change.field(), change.from(), change.to()})
                .toList());
    }

    List<HistoryEntry> history(UUID id) {
        return jdbc.sql("""
                select version, changed_by, changed_by_name, changed_at, field, from_value, to_value
                from report_history where report_id = ? order by id""")
                .param(id)
                .query((rs, i) -> new HistoryEntry(rs.getInt("version"), rs.getString("changed_by"),
                        rs.getString("changed_by_name"), rs.getTimestamp("changed_at").toInstant(), rs.getString("field"),
                        rs.getString("from_value"), rs.getString("to_value")))
                .list();
    }

    /**
     * The reports with the given ids in that order (ids not found left out), read with three
     * statements whatever their number: for lists of a whole school such as the bulk-entry template.
     */
    List<StoredReport> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String array = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        Map<UUID, List<CertificationEntry>> entries = new HashMap<>();
        jdbc.sql("""
                select report_id, assessment_number, cluster_code, result from certification_entry
                where report_id = any(string_to_array(?, ',')::uuid[]) order by report_id, position""")
                .param(array)
                .query((e, i) -> entries.computeIfAbsent(e.getObject("report_id", UUID.class), k -> new ArrayList<>()).add(entry(e)))
                .list();
        Map<UUID, List<StoredReport.Teaching>> teachers = new HashMap<>();
        jdbc.sql("""
                select report_id, teacher_staff_id, teacher_name, division, removed from report_enrollment
                where report_id = any(string_to_array(?, ',')::uuid[]) order by report_id, removed, teacher_name, teacher_staff_id""")
                .param(array)
                .query((t, i) -> teachers.computeIfAbsent(t.getObject("report_id", UUID.class), k -> new ArrayList<>()).add(teaching(t)))
                .list();
        Map<UUID, StoredReport> found = new HashMap<>();
        jdbc.sql("select r.* from report r where r.id = any(string_to_array(?, ',')::uuid[])")
                .param(array)
                .query((rs, i) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return found.put(id, report(rs, entries.getOrDefault(id, List.of()), teachers.getOrDefault(id, List.of())));
                })
                .list();
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private StoredReport report(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<CertificationEntry> entries = jdbc.sql("""
                select assessment_number, cluster_code, result from certification_entry where report_id = ? order by position""")
                .param(id)
                .query((e, i) -> entry(e))
                .list();
        List<StoredReport.Teaching> teachers = jdbc.sql("""
                select teacher_staff_id, teacher_name, division, removed from report_enrollment
                where report_id = ? order by removed, teacher_name, teacher_staff_id""")
                .param(id)
                .query((t, i) -> teaching(t))
                .list();
        return report(rs, entries, teachers);
    }

    private static CertificationEntry entry(ResultSet e) throws SQLException {
        return new CertificationEntry(e.getString("assessment_number"), e.getString("cluster_code"),
                e.getString("result") == null ? null : CertificationResult.ofCode(e.getString("result")).orElseThrow());
    }

    private static StoredReport.Teaching teaching(ResultSet t) throws SQLException {
        return new StoredReport.Teaching(t.getString("teacher_staff_id"), t.getString("teacher_name"), t.getString("division"),
                t.getBoolean("removed"));
    }

    private static StoredReport report(ResultSet rs, List<CertificationEntry> entries, List<StoredReport.Teaching> teachers)
            throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Answers answers = new Answers(rs.getString("email"), rs.getBoolean("deceased"),
                rs.getString("education_status") == null ? null : EducationStatus.ofCode(rs.getString("education_status")).orElseThrow(),
                rs.getString("employment_status") == null ? null : EmploymentStatus.ofCode(rs.getString("employment_status")).orElseThrow(),
                (Boolean) rs.getObject("job_related"), (Boolean) rs.getObject("self_employed"), rs.getString("job_title"),
                rs.getString("job_duties"), (Boolean) rs.getObject("took_certification_test"), entries);
        Timestamp saved = rs.getTimestamp("last_saved_at");
        return new StoredReport(id, rs.getString("stn"), rs.getString("organization_pid"), rs.getString("organization_name"),
                rs.getString("school_year"), rs.getString("given_name"), rs.getString("family_name"),
                rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("gender"),
                (Integer) rs.getObject("grade") == null ? null : rs.getInt("grade"), rs.getBoolean("removed"),
                rs.getInt("version"), answers, rs.getString("last_saved_by"), rs.getString("last_saved_by_name"),
                saved == null ? null : saved.toInstant(), teachers);
    }
}
