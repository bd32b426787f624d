package org.ctims.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 6: every event delivered a second time. With the stack settled, the three services are
 * stopped, every consumer group's offsets are reset to the beginning of its topics (as an operator
 * would with {@code kafka-consumer-groups --reset-offsets --to-earliest}), and the services started
 * again: they consume everything once more, and nothing may change — not a row of any of their
 * tables, not one event published.
 */
@ExtendWith(FaultStack.class)
class DuplicateDeliveryIT {

    static final int STUDENTS = 30;
    static final Map<String, String> GROUPS = Map.of("roster", Faults.ROSTER, "followup", Faults.FOLLOWUP, "report", Faults.REPORT);
    static final List<String> PUBLISHED = List.of("roster.enrollments.v1", "followup.reports.v1", "report.progress.v1");

    @Test
    void everyEventDeliveredAgainChangesNothing(Faults faults) throws Exception {
        FaultReport report = new FaultReport(6, "The same events delivered twice (offsets reset to the beginning)");
        SchoolRoster school = new SchoolRoster("faults-sis-6", "30006", "900006", "306", STUDENTS);
        int records = school.send(faults.brokers());
        FollowupApi api = new FollowupApi(faults, school);
        Faults.await("the follow-up service lists the " + STUDENTS + " students", Duration.ofMinutes(3),
                () -> api.list().size() == STUDENTS);
        int savedCount;
        try (Savers savers = new Savers(api, api.list(), 2).start()) {
            savers.awaitMoreAcks(3 * STUDENTS, Duration.ofMinutes(2));
            savedCount = savers.acknowledgedCount();
        }
        int rounds = Faults.rounds();
        List<String> notes = new ArrayList<>();
        try (ConsumerGroups groups = new ConsumerGroups(faults.brokers())) {
            for (int round = 0; round < rounds; round++) {
                awaitSettled(faults, groups);
                Map<String, String> before = digests(faults);
                Map<TopicPartition, Long> publishedBefore = publishedEnds(faults, groups);
                long deadLettersBefore = deadLetters(faults);
                for (String service : GROUPS.values()) {
                    faults.stack().stopPart(service);
                }
                Map<String, Long> replayed = new LinkedHashMap<>();
                GROUPS.keySet().stream().sorted().forEach(g -> replayed.put(g, groups.resetToEarliest(g)));
                long t0 = System.nanoTime();
                for (String service : GROUPS.values()) {
                    faults.stack().restartPart(service);
                }
                awaitSettled(faults, groups);
                long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
                Map<String, String> after = digests(faults);
                List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
                long rows = before.values().stream().mapToLong(d -> Long.parseLong(d.split(" ")[0])).sum();
                report.check("round " + (round + 1) + ": no row of any service table changed (" + before.size() + " tables, "
                                + rows + " rows, compared by content)", changed.isEmpty(),
                        changed.isEmpty() ? "all identical" : "changed: " + changed);
                long published = publishedEnds(faults, groups).entrySet().stream()
                        .mapToLong(e -> e.getValue() - publishedBefore.getOrDefault(e.getKey(), 0L)).sum();
                report.check("round " + (round + 1) + ": no event published by the replay (" + String.join(", ", PUBLISHED) + ")",
                        0, published, "new records");
                notes.add("Round " + (round + 1) + ": records delivered again per group " + replayed + "; consumed and settled "
                        + seconds + " s after the restart; dead-letter records re-parked by the replay (planted poison of"
                        + " other tests, if any ran before): " + (deadLetters(faults) - deadLettersBefore));
            }
        }
        report.fact("Injected: the roster, follow-up and report services stopped, every offset of their consumer groups"
                + " (roster, followup, report) reset to the earliest record, the services started again; " + rounds
                + " round(s) in this run");
        report.fact("Seeded by this test: " + records + " OneRoster records (" + STUDENTS + " students) and "
                + savedCount + " saves answered 200 on its reports; the replay covers everything on the topics, including the other tests' data");
        notes.forEach(report::fact);
        report.check("no outbox row left behind", 0, faults.count("select count(*) from roster.outbox")
                + faults.count("select count(*) from followup.outbox") + faults.count("select count(*) from report.outbox"),
                "outbox rows");
        report.writeAndAssert();
    }

    /** Every consumer group caught up and every outbox empty, twice in a row a second apart. */
    private static void awaitSettled(Faults faults, ConsumerGroups groups) {
        Faults.await("the stack has settled (no lag, no outbox rows)", Duration.ofMinutes(4), () -> {
            boolean settled = settled(faults, groups);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return settled && settled(faults, groups);
        });
    }

    private static boolean settled(Faults faults, ConsumerGroups groups) {
        return GROUPS.keySet().stream().allMatch(g -> groups.lag(g) == 0)
                && faults.count("select count(*) from roster.outbox") + faults.count("select count(*) from followup.outbox")
                + faults.count("select count(*) from report.outbox") == 0;
    }

    /** Row count and content digest of every table of the three services' schemas. */
    private static Map<String, String> digests(Faults faults) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (List<Object> table : faults.rows("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_schema in ('roster', 'followup', 'report') and table_type = 'BASE TABLE'
                  and table_name <> 'flyway_schema_history' order by 1""")) {
            String name = (String) table.get(0);
            List<Object> row = faults.rows("select count(*), md5(coalesce(string_agg(x, E'\\n' order by x), '')) from"
                    + " (select t::text x from " + name + " t) s").get(0);
            digests.put(name, row.get(0) + " " + row.get(1));
        }
        return digests;
    }

    private static Map<TopicPartition, Long> publishedEnds(Faults faults, ConsumerGroups groups) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : PUBLISHED) {
            for (int p = 0; p < 6; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        groups.ends(partitions.stream().filter(p -> p.partition() < partitionsOf(p.topic())).toList()).forEach(ends::put);
        return ends;
    }

    private static int partitionsOf(String topic) {
        return topic.equals("report.progress.v1") ? 3 : 6;
    }

    private static long deadLetters(Faults faults) {
        return List.of("error.sis.oneroster.v1.roster", "error.roster.enrollments.v1.followup", "error.roster.enrollments.v1.report",
                        "error.followup.reports.v1.report").stream()
                .mapToLong(topic -> TopicRecords.read(faults.brokers(), topic, (java.util.function.Predicate<TopicRecords.Rec>) r -> true)
                        .size()).sum();
    }
}
