package org.ctims.roster.oneroster;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics up with a bulk load. While a statewide roster streams in, the raw
 * tables grow from nothing faster than autovacuum analyzes them, and with empty statistics the
 * planner picks plans that read every row of an SIS per lookup. So each time the records written to
 * a table since its last {@code ANALYZE} reach its threshold (at first 1,000, then twice the previous
 * one), the intake analyzes it and the enrollment tables: a handful of runs for a million records.
 * Runs after the batch's commit, on the consumer's thread; a failure is only logged.
 */
@Component
class TableStatistics {

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);
    static final long FIRST_THRESHOLD = 1_000;

    private final JdbcTemplate jdbc;
    private final Map<RecordType, long[]> written = new EnumMap<>(RecordType.class);

    TableStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts the records just applied and analyzes the tables that grew enough. */
    synchronized void written(List<RosterIngest.Incoming> records) {
        for (RosterIngest.Incoming incoming : records) {
            // [written since the last analyze, threshold]
            written.computeIfAbsent(incoming.record().header().type(), type -> new long[] {0, FIRST_THRESHOLD})[0]++;
        }
        written.forEach((type, counts) -> {
            if (counts[0] >= counts[1]) {
                analyze(RosterStore.tableOf(type));
                if (type == RecordType.ENROLLMENT) {
                    analyze("enrollment");
                    analyze("pending_enrollment");
                }
                counts[0] = 0;
                counts[1] *= 2;
            }
        });
    }

    private void analyze(String table) {
        try {
            long started = System.nanoTime();
            jdbc.execute("analyze " + table);
            log.debug("Analyzed {} in {} ms", table, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Could not analyze {}: {}", table, e.toString());
        }
    }
}
