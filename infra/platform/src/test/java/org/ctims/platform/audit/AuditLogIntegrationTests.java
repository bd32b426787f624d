package org.ctims.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ctims.testing.RealInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log on the real PostgreSQL: the chain, its verification against tampering, concurrency, grants, retention. */
@SpringBootTest(classes = AuditTestApplication.class, properties = {
        "spring.application.name=audit-test", "ctims.service.schema=audit_test",
        "spring.flyway.locations=classpath:db/platform", "spring.main.web-application-type=none",
        "ctims.outbox.relay-enabled=false", "ctims.audit.retention-enabled=false"})
@RealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogIntegrationTests {

    static final AuditActor TEACHER = new AuditActor("sub-teacher", "teacher-a", List.of("teacher"));

    @Autowired
    AuditLog audit;
    @Autowired
    AuditChain chain;
    @Autowired
    AuditSearch search;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    AuditRecord read(String stn) {
        return audit.record(TEACHER, AuditEntry.of("test.read").organization("10001", "2018-2019").students(List.of(stn))
                .details(Map.of("q", "Ri", "page", 0)).count(1));
    }

    static String stn() {
        return String.valueOf(1_000_000_000L + (long) (Math.random() * 8_999_999_999L));
    }

    @Test
    @Order(1)
    void entriesAreChainedInSequenceAndTheChainVerifies() {
        AuditRecord first = read(stn());
        AuditRecord second = read(stn());
        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        Map<String, Object> row = jdbc.queryForMap("select * from audit_entry where seq = ?", second.seq());
        assertThat(row).containsEntry("username", "teacher-a").containsEntry("action", "test.read")
                .containsEntry("organization_pid", "10001").containsEntry("details", "{\"page\":0,\"q\":\"Ri\"}")
                .containsEntry("result_count", 1).containsEntry("hash", second.hash());
        AuditChain.Verification v = chain.verify();
        assertThat(v.valid()).as(v.problem()).isTrue();
        assertThat(v.lastSeq()).isEqualTo(second.seq());
        assertThat(v.lastHash()).isEqualTo(second.hash());
    }

    @Test
    @Order(2)
    void concurrentWritersNeverForkTheChain() throws Exception {
        long before = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_entry", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        read(stn());
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(writers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where seq > ?", Long.class, before)).isEqualTo(200);
        assertThat(jdbc.queryForObject("select max(seq) from audit_entry", Long.class)).isEqualTo(before + 200);
        assertThat(jdbc.queryForObject("select count(distinct previous_hash) from audit_entry where seq > ?", Long.class, before))
                .isEqualTo(200);
        AuditChain.Verification v = chain.verify();
        assertThat(v.valid()).as(v.problem()).isTrue();
    }

    @Test
    @Order(3)
    void aChangeThatRollsBackLeavesNoEntry() {
        String stn = stn();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            read(stn);
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where stns @> array[?]::text[]", Long.class, stn))
                .isZero();
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    @Order(4)
    void entriesCannotBeUpdatedDeletedOrTruncated() {
        AuditRecord entry = read(stn());
        assertThatThrownBy(() -> jdbc.update("update audit_entry set username = 'someone-else' where seq = ?", entry.seq()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where seq = ?", entry.seq()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_entry")).hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select username from audit_entry where seq = ?", String.class, entry.seq()))
                .isEqualTo("teacher-a");
    }

    @Test
    @Order(5)
    void aRowChangedInTheDatabaseFailsTheVerificationAtExactlyThatRow() {
        List<AuditRecord> entries = List.of(read(stn()), read(stn()), read(stn()), read(stn()));
        AuditRecord victim = entries.get(2);
        // what someone with the owner's rights could do: switch the trigger off and rewrite who read it
        tampered("update audit_entry set username = 'nobody' where seq = " + victim.seq());
        AuditChain.Verification v = chain.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenSeq()).isEqualTo(victim.seq());
        assertThat(v.problem()).contains("does not match its hash");
        assertThat(v.lastSeq()).isEqualTo(entries.get(1).seq());

        // rewriting its hash too moves the break to the next entry, whose previous hash no longer matches
        AuditRecord rewritten = new AuditRecord(victim.seq(), victim.recordedAt(), victim.subject(), "nobody", victim.roles(),
                victim.action(), victim.organizationPid(), victim.schoolYear(), victim.stns(), victim.recordIds(),
                victim.details(), victim.resultCount(), victim.clientAddress(), victim.peerAddress(), victim.forwardedFor(),
                victim.previousHash(), null);
        tampered("update audit_entry set hash = '" + rewritten.computedHash() + "' where seq = " + victim.seq());
        v = chain.verify();
        assertThat(v.brokenSeq()).isEqualTo(entries.get(3).seq());
        assertThat(v.problem()).contains("previous hash");

        tampered("update audit_entry set username = 'teacher-a', hash = '" + victim.hash() + "' where seq = " + victim.seq());
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    @Order(6)
    void aRowDeletedInTheDatabaseFailsTheVerificationAtTheNextRow() {
        List<AuditRecord> entries = List.of(read(stn()), read(stn()), read(stn()));
        Map<String, Object> saved = jdbc.queryForMap("select * from audit_entry where seq = ?", entries.get(1).seq());
        jdbc.execute("create table audit_removed_row as select * from audit_entry where seq = " + entries.get(1).seq());
        tampered("delete from audit_entry where seq = " + entries.get(1).seq());
        AuditChain.Verification v = chain.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenSeq()).isEqualTo(entries.get(2).seq());
        assertThat(v.problem()).contains("missing");
        jdbc.execute("insert into audit_entry select * from audit_removed_row");
        jdbc.execute("drop table audit_removed_row");
        assertThat(jdbc.queryForMap("select * from audit_entry where seq = ?", entries.get(1).seq())).hasToString(saved.toString());
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    @Order(7)
    void theSearchFindsAStudentsEntriesByStnUserAndTimeNewestFirst() {
        String stn = stn();
        Instant start = Instant.now().minusSeconds(1);
        AuditRecord a = read(stn);
        read(stn());
        AuditRecord b = audit.record(new AuditActor("sub-admin", "admin-a", List.of("school-admin")),
                AuditEntry.of("test.save").organization("10002", "2018-2019").students(List.of(stn)).records(List.of("r-1")));
        AuditSearch.Page page = search.search(new AuditSearch.Query(stn, null, null, null, start, null, 0, 10));
        assertThat(page.entries()).extracting(AuditRecord::seq).containsExactly(b.seq(), a.seq());
        assertThat(page.totalEntries()).isEqualTo(2);
        assertThat(search.search(new AuditSearch.Query(stn, "10002", null, null, null, null, 0, 10)).entries())
                .extracting(AuditRecord::seq).containsExactly(b.seq());
        assertThat(search.search(new AuditSearch.Query(stn, null, "teacher-a", null, null, null, 0, 10)).entries())
                .extracting(AuditRecord::seq).containsExactly(a.seq());
        assertThat(search.search(new AuditSearch.Query(stn, null, null, "test.save", null, null, 0, 10)).entries())
                .extracting(AuditRecord::seq).containsExactly(b.seq());
        assertThat(search.search(new AuditSearch.Query(stn, null, null, null, null, start, 0, 10)).entries()).isEmpty();
        assertThat(search.search(new AuditSearch.Query(stn, null, null, null, null, null, 1, 1)).entries())
                .extracting(AuditRecord::seq).containsExactly(a.seq());
    }

    @Test
    @Order(8)
    void theDocumentedGrantLetsTheServiceAddAndReadButNeverChangeOrRemove() {
        String role = "ctims_audit_grant_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("create role " + role + " nologin");
        try {
            // docs/OPERATIONS.md "Audit log": the service's login on its schema's audit tables
            jdbc.execute("grant usage on schema audit_test to " + role);
            jdbc.execute("grant select, insert on audit_entry to " + role);
            jdbc.execute("grant select on audit_checkpoint to " + role);
            jdbc.execute("grant execute on function audit_prune(timestamptz) to " + role);
            String stn = stn();
            transactions.executeWithoutResult(status -> {
                jdbc.execute("set local role " + role);
                read(stn);
            });
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where stns @> array[?]::text[]", Long.class, stn))
                    .isOne();
            for (String change : List.of("update audit_entry set username = 'x'", "delete from audit_entry",
                    "insert into audit_checkpoint (removed_before, removed_count, first_kept_seq, first_kept_previous_hash)"
                            + " values (now(), 0, 1, '" + AuditRecord.GENESIS + "')")) {
                assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    jdbc.execute("set local role " + role);
                    jdbc.update(change);
                })).as(change).rootCause().hasMessageContaining("permission denied");
            }
            Long removed = transactions.execute(status -> {
                jdbc.execute("set local role " + role);
                return jdbc.queryForObject("select audit_prune(now() - interval '20 years')", Long.class);
            });
            assertThat(removed).isZero();
        } finally {
            jdbc.execute("revoke all on all tables in schema audit_test from " + role);
            jdbc.execute("revoke all on schema audit_test from " + role);
            jdbc.execute("revoke all on function audit_prune(timestamptz) from " + role);
            jdbc.execute("drop role " + role);
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    @Order(9)
    void retentionRemovesOldEntriesAsAPrefixAndTheKeptChainStillVerifies() {
        AuditLog eightYearsAgo = new AuditLog(jdbc, new ClientAddresses(List.of()),
                Clock.fixed(Instant.now().atZone(ZoneOffset.UTC).minusYears(8).toInstant(), ZoneOffset.UTC));
        AuditRecord lastOld = null;
        for (int i = 0; i < 3; i++) {
            lastOld = eightYearsAgo.record(TEACHER, AuditEntry.of("test.read").students(List.of(stn())), ClientAddress.NONE);
        }
        read(stn());
        AuditRecord kept = read(stn());
        AuditMetrics metrics = new AuditMetrics(jdbc, Clock.systemUTC());
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        metrics.bindTo(registry);
        AuditRetention retention = new AuditRetention(jdbc, new AuditProperties(null, java.time.Period.ofYears(7),
                "0 20 3 * * *", true, List.of()), Clock.systemUTC(), chain, metrics);
        assertThat(registry.get("ctims.audit.chain.valid").gauge().value()).as("not verified yet").isNaN();

        assertThatThrownBy(() -> retention.prune(Instant.now().minus(30, ChronoUnit.DAYS)))
                .hasMessageContaining("never removed");
        long removed = retention.pruneExpired();

        assertThat(removed).isEqualTo(lastOld.seq());
        assertThat(jdbc.queryForObject("select min(seq) from audit_entry", Long.class)).isEqualTo(lastOld.seq() + 1);
        assertThat(jdbc.queryForMap("select first_kept_seq, first_kept_previous_hash, removed_count from audit_checkpoint"
                + " order by id desc limit 1")).containsEntry("first_kept_seq", lastOld.seq() + 1)
                .containsEntry("first_kept_previous_hash", lastOld.hash()).containsEntry("removed_count", lastOld.seq());
        AuditChain.Verification v = chain.verify();
        assertThat(v.valid()).as(v.problem()).isTrue();
        assertThat(v.firstSeq()).isEqualTo(lastOld.seq() + 1);
        assertThat(v.lastSeq()).isEqualTo(kept.seq());
        assertThat(retention.pruneExpired()).isZero();

        // the checkpoint is part of what is verified: a kept entry removed at the start is found
        assertThat(retention.daily().valid()).isTrue();
        assertThat(registry.get("ctims.audit.chain.valid").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("ctims.audit.chain.verified.seq").gauge().value()).isEqualTo(kept.seq());
        assertThat(registry.get("ctims.audit.last.seq").gauge().value()).isEqualTo(kept.seq());
        tampered("delete from audit_entry where seq = " + (lastOld.seq() + 1));
        assertThat(chain.verify().brokenSeq()).isEqualTo(lastOld.seq() + 2);

        // the daily run finds it too: the gauge an alert watches drops to 0
        AuditChain.Verification daily = retention.daily();
        assertThat(daily.brokenSeq()).isEqualTo(lastOld.seq() + 2);
        assertThat(registry.get("ctims.audit.chain.valid").gauge().value()).isZero();
    }

    /** A change made with the append-only trigger switched off, as the schema's owner could. */
    private void tampered(String sql) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("alter table audit_entry disable trigger audit_entry_append_only");
            jdbc.execute(sql);
            jdbc.execute("alter table audit_entry enable trigger audit_entry_append_only");
        });
    }
}
