package org.ctims.platform.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.ctims.platform.security.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's audit log: one entry per read of students' records and per change, in the
 * service's own schema (table {@code audit_entry}). Call {@link #record} inside the transaction of
 * a change, as its last statement, so the change and its entry commit or roll back together; a
 * read records after reading, before the data leaves the service, in a transaction of its own.
 *
 * <p>Each entry is chained to the one before: it stores the previous entry's hash and the SHA-256
 * of its own canonical form ({@link AuditRecord#canonical()}). Writers take a transaction-scoped
 * advisory lock per schema, so entries get consecutive sequence numbers in commit order and
 * concurrent writers (threads or instances) never fork the chain; the lock is held from the insert
 * to the commit only. Nothing updates or deletes entries; retention is {@link AuditRetention}.
 */
public class AuditLog {

    /** First key of the writers' advisory lock ("AU"); the second is the schema's hash. */
    static final int LOCK_CLASS = 0x4155;

    private static final String INSERT = """
            insert into audit_entry (seq, recorded_at, subject, username, roles, action, organization_pid, school_year,
                                     stns, record_ids, details, result_count, client_address, peer_address, forwarded_for,
                                     previous_hash, hash)
            values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?::text[], ?::text[], ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final ClientAddresses addresses;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.shared();

    AuditLog(JdbcTemplate jdbc, ClientAddresses addresses, Clock clock) {
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** Records what {@code user} did, from the address of the request this thread serves. */
    @Transactional
    public AuditRecord record(CurrentUser user, AuditEntry entry) {
        return record(AuditActor.of(user), entry, addresses.current());
    }

    @Transactional
    public AuditRecord record(AuditActor actor, AuditEntry entry) {
        return record(actor, entry, addresses.current());
    }

    /** For work that runs outside the request's thread: the address taken with {@link #currentAddress()} before. */
    @Transactional
    public AuditRecord record(AuditActor actor, AuditEntry entry, ClientAddress from) {
        jdbc.queryForList("select pg_advisory_xact_lock(?, hashtext(current_schema()))::text", LOCK_CLASS);
        List<Object[]> last = jdbc.query("select seq, hash from audit_entry order by seq desc limit 1",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
        long seq;
        String previous;
        if (!last.isEmpty()) {
            seq = (long) last.get(0)[0] + 1;
            previous = (String) last.get(0)[1];
        } else {
            List<Object[]> checkpoint = jdbc.query(
                    "select first_kept_seq, first_kept_previous_hash from audit_checkpoint order by id desc limit 1",
                    (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
            seq = checkpoint.isEmpty() ? 1 : (long) checkpoint.get(0)[0];
            previous = checkpoint.isEmpty() ? AuditRecord.GENESIS : (String) checkpoint.get(0)[1];
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditRecord record = new AuditRecord(seq, now, actor.subject(), actor.username(), actor.roles(), entry.action(),
                entry.organizationPid(), entry.schoolYear(), entry.stns(), entry.recordIds(), canonicalJson(entry.details()),
                entry.resultCount(), from.client(), from.peer(), from.forwardedFor(), previous, null);
        record = record.withHash(record.computedHash());
        jdbc.update(INSERT, record.seq(), Timestamp.from(record.recordedAt()), record.subject(), record.username(),
                record.roles().toArray(String[]::new), record.action(), record.organizationPid(), record.schoolYear(),
                record.stns().toArray(String[]::new), record.recordIds().toArray(String[]::new), record.details(),
                record.resultCount(), record.clientAddress(), record.peerAddress(), record.forwardedFor(),
                record.previousHash(), record.hash());
        return record;
    }

    /**
     * Records a read in a transaction of its own, also from inside a read-only one (a cursor that
     * streams an export): the entry commits before the data leaves, whatever the outer transaction does.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord recordRead(AuditActor actor, AuditEntry entry, ClientAddress from) {
        return record(actor, entry, from);
    }

    /** The address of the request this thread serves, to record later from another thread. */
    public ClientAddress currentAddress() {
        return addresses.current();
    }

    private String canonicalJson(Map<String, ?> details) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                sorted.put(key, value);
            }
        });
        return sorted.isEmpty() ? null : json.writeValueAsString(sorted);
    }

    /** A row of {@code audit_entry} as stored (for verification and queries). */
    static AuditRecord row(ResultSet rs) throws SQLException {
        Integer count = (Integer) rs.getObject("result_count");
        return new AuditRecord(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("subject"),
                rs.getString("username"), strings(rs.getArray("roles")), rs.getString("action"),
                rs.getString("organization_pid"), rs.getString("school_year"), strings(rs.getArray("stns")),
                strings(rs.getArray("record_ids")), rs.getString("details"), count, rs.getString("client_address"),
                rs.getString("peer_address"), rs.getString("forwarded_for"), rs.getString("previous_hash"),
                rs.getString("hash"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(Objects::toString).toList();
    }
}
