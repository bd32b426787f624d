package org.ctims.platform.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The service's audit entries by student, organization, user, action and time, newest first, a page at a time. */
public final class AuditSearch {

    /**
     * Every condition is optional; {@code from} is inclusive, {@code to} exclusive.
     *
     * @param user the username or the subject of the caller who acted
     */
    public record Query(String stn, String organizationPid, String user, String action, Instant from, Instant to,
                        int page, int size) {
    }

    public record Page(List<AuditRecord> entries, int page, int size, long totalEntries, int totalPages) {
    }

    private final JdbcTemplate jdbc;

    AuditSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page search(Query q) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (q.stn() != null) {
            where.append(" and stns @> array[?]::text[]");
            params.add(q.stn());
        }
        if (q.organizationPid() != null) {
            where.append(" and organization_pid = ?");
            params.add(q.organizationPid());
        }
        if (q.user() != null) {
            where.append(" and (username = ? or subject = ?)");
            params.add(q.user());
            params.add(q.user());
        }
        if (q.action() != null) {
            where.append(" and action = ?");
            params.add(q.action());
        }
        if (q.from() != null) {
            where.append(" and recorded_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" and recorded_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        long total = jdbc.queryForObject("select count(*) from audit_entry" + where, Long.class, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(q.size());
        pageParams.add((long) q.page() * q.size());
        List<AuditRecord> entries = jdbc.query("select * from audit_entry" + where + " order by seq desc limit ? offset ?",
                (rs, i) -> AuditLog.row(rs), pageParams.toArray());
        return new Page(entries, q.page(), q.size(), total, (int) ((total + q.size() - 1) / q.size()));
    }
}
