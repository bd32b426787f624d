package org.ctims.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupRoundTripTests {

    @Test
    void aSchemaThatChangesWhileItIsDumpedIsComparedAsItWasDumped() throws Exception {
        TestDatabase database = TestInfrastructure.newDatabase("backup_round_trip");
        try (Connection db = connect(database); Statement s = db.createStatement()) {
            s.execute("create schema busy");
            s.execute("create table busy.outbox (id bigint primary key, payload text not null)");
            s.execute("insert into busy.outbox select n, repeat('x', 200) from generate_series(1, 20000) n");
        }
        // like an outbox relay: rows are deleted one by one for as long as the backup runs
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger deleted = new AtomicInteger();
        Thread relay = new Thread(() -> {
            try (Connection db = connect(database); Statement s = db.createStatement()) {
                for (int id = 1; running.get() && id <= 20000; id++) {
                    deleted.addAndGet(s.executeUpdate("delete from busy.outbox where id = " + id));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        relay.start();
        BackupRoundTrip.Result result;
        try {
            result = BackupRoundTrip.run(database.jdbcUrl(), database.username(), database.password(), "busy");
        } finally {
            running.set(false);
            relay.join();
        }
        assertThat(20000 - deleted.get()).as("rows left at the end: fewer than the backup saw, so it ran while rows went")
                .isLessThan((int) result.original().get("outbox").rows());
        assertThat(result.restored()).isEqualTo(result.original());
    }

    private static Connection connect(TestDatabase database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
