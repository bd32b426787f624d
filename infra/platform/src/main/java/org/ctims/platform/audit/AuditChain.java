package org.ctims.platform.audit;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the service's audit chain: walks every entry in sequence order (a cursor, 1,000 rows
 * at a time) and reports the first one that breaks it — a missing sequence number, a previous
 * hash that is not its predecessor's hash, or content that no longer matches its own hash. The
 * chain starts at entry 1 with {@link AuditRecord#GENESIS}, or, after retention removed older
 * entries, where the newest {@code audit_checkpoint} says.
 */
public final class AuditChain {

    /**
     * @param valid no entry breaks the chain
     * @param checked entries verified before the first broken one (all of them when valid)
     * @param firstSeq the first entry's sequence number the chain starts from
     * @param lastSeq the last entry verified; with {@code lastHash}, what an operator compares with an
     *        earlier verification to see that no entries were cut off the end
     * @param brokenSeq the first entry that breaks the chain, or null
     * @param problem what is wrong with it, or null
     */
    public record Verification(boolean valid, long checked, Long firstSeq, Long lastSeq, String lastHash,
                               Long brokenSeq, String problem) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    AuditChain(JdbcTemplate jdbc, TransactionTemplate readOnly) {
        this.jdbc = jdbc;
        this.readOnly = readOnly;
    }

    public Verification verify() {
        return readOnly.execute(status -> walk());
    }

    private Verification walk() {
        List<Object[]> checkpoint = jdbc.query(
                "select first_kept_seq, first_kept_previous_hash from audit_checkpoint order by id desc limit 1",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
        long startSeq = checkpoint.isEmpty() ? 1 : (long) checkpoint.get(0)[0];
        String startHash = checkpoint.isEmpty() ? AuditRecord.GENESIS : (String) checkpoint.get(0)[1];
        Walk walk = new Walk(startSeq, startHash);
        jdbc.query("select * from audit_entry order by seq", rs -> {
            if (walk.problem == null) {
                walk.check(AuditLog.row(rs));
            }
        });
        return new Verification(walk.problem == null, walk.checked, startSeq, walk.lastSeq, walk.lastHash,
                walk.brokenSeq, walk.problem);
    }

    private static final class Walk {
        long expectedSeq;
        String expectedPrevious;
        long checked;
        Long lastSeq;
        String lastHash;
        Long brokenSeq;
        String problem;

        Walk(long expectedSeq, String expectedPrevious) {
            this.expectedSeq = expectedSeq;
            this.expectedPrevious = expectedPrevious;
        }

        void check(AuditRecord entry) {
            if (entry.seq() != expectedSeq) {
                broken(entry, entry.seq() > expectedSeq
                        ? "entries " + expectedSeq + " to " + (entry.seq() - 1) + " are missing"
                        : "entry " + entry.seq() + " comes before the chain's start at " + expectedSeq);
            } else if (!entry.previousHash().equals(expectedPrevious)) {
                broken(entry, "its previous hash is not the hash of entry " + (entry.seq() - 1));
            } else if (!entry.computedHash().equals(entry.hash())) {
                broken(entry, "its content does not match its hash (changed after it was recorded)");
            } else {
                checked++;
                lastSeq = entry.seq();
                lastHash = entry.hash();
                expectedSeq = entry.seq() + 1;
                expectedPrevious = entry.hash();
            }
        }

        private void broken(AuditRecord entry, String what) {
            brokenSeq = entry.seq();
            problem = "Entry " + entry.seq() + ": " + what + ".";
        }
    }
}
