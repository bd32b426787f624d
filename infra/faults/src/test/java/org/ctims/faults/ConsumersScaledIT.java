package org.ctims.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 4: the report service scaled from one to two to three instances in its consumer group
 * {@code report} while teachers save and rosters arrive, then one extra instance killed (SIGKILL) and
 * the other stopped in order, the stream still flowing. Every event must have had exactly one effect,
 * each student's versions applied in order, and the instances must really have shared the partitions.
 */
@ExtendWith(FaultStack.class)
class ConsumersScaledIT {

    static final int STUDENTS = 40;
    static final int SAVERS = 2;
    static final int ROSTER_STUDENTS = 100;
    static final String GROUP = "report";
    static final String SECOND = Faults.REPORT + "-2";
    static final String THIRD = Faults.REPORT + "-3";

    @Test
    void everyEventHasOneEffectInOrderWhileReportServiceInstancesComeAndGo(Faults faults) throws Exception {
        SchoolRoster school = new SchoolRoster("faults-sis-4", "30004", "900004", "304", STUDENTS);
        FaultReport report = new FaultReport(4, "Report service scaled to two and three instances and back during a stream");
        int records = school.send(faults.brokers());
        FollowupApi api = new FollowupApi(faults, school);
        Faults.await("the follow-up service lists the " + STUDENTS + " students", Duration.ofMinutes(3),
                () -> api.list().size() == STUDENTS);

        List<SchoolRoster> rosters = new ArrayList<>();
        Map<String, Map<String, String>> held = new LinkedHashMap<>();
        Map<String, Long> readyMs = new LinkedHashMap<>();
        Map<String, Set<String>> membersOf = new LinkedHashMap<>();
        boolean shared2;
        boolean shared3;
        long takeover;
        long lag;
        int killedPartitions;
        long appliedUncommitted;
        Savers savers = new Savers(api, api.list(), SAVERS).start();
        try (savers; ConsumerGroups groups = new ConsumerGroups(faults.brokers())) {
            savers.awaitMoreAcks(30, Duration.ofMinutes(2));
            membersOf.put(Faults.REPORT, stableMembers(groups, Set.of(), 1).keySet());

            rosters.add(sendRoster(faults, 0));
            readyMs.put(SECOND, faults.stack().startInstance(Faults.REPORT, SECOND, 10085).toMillis());
            membersOf.put(SECOND, newMembers(groups, membersOf));
            shared2 = sample(groups, membersOf, "two instances", held);

            savers.awaitMoreAcks(30, Duration.ofMinutes(2));
            rosters.add(sendRoster(faults, 1));
            readyMs.put(THIRD, faults.stack().startInstance(Faults.REPORT, THIRD, 10086).toMillis());
            membersOf.put(THIRD, newMembers(groups, membersOf));
            shared3 = sample(groups, membersOf, "three instances", held);

            savers.awaitMoreAcks(30, Duration.ofMinutes(2));
            rosters.add(sendRoster(faults, 2));
            Set<TopicPartition> killedHeld = new HashSet<>();
            groups.assignments(GROUP).forEach((member, partitions) -> {
                if (membersOf.get(SECOND).contains(member)) {
                    killedHeld.addAll(partitions);
                }
            });
            long lagAtKill = groups.lag(GROUP, killedHeld);
            long killedAt = System.nanoTime();
            faults.stack().killPart(SECOND);
            appliedUncommitted = appliedNotCommitted(faults, groups, killedHeld);
            savers.awaitMoreAcks(30, Duration.ofMinutes(2));
            faults.stack().stopPart(THIRD);
            rosters.add(sendRoster(faults, 3));
            // the killed instance's partitions wait for its session to time out; the stream goes on meanwhile
            Set<String> gone = new HashSet<>(membersOf.get(SECOND));
            gone.addAll(membersOf.get(THIRD));
            Faults.await("group " + GROUP + " is stable without the stopped instances", Duration.ofSeconds(120), () -> {
                Map<String, Set<TopicPartition>> members = groups.assignments(GROUP);
                return !members.isEmpty() && members.keySet().stream().noneMatch(gone::contains);
            });
            takeover = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            lag = lagAtKill;
            killedPartitions = killedHeld.size();
            sample(groups, Map.of(Faults.REPORT, membersOf.get(Faults.REPORT)), "one instance again", held);
            savers.awaitMoreAcks(30, Duration.ofMinutes(2));
        }
        ReportsDownstream.awaitDrained(faults, school, Duration.ofMinutes(3));
        String[] pids = rosters.stream().map(r -> r.pid).toArray(String[]::new);
        Faults.await("the report service holds the " + rosters.size() + " rosters' enrollments", Duration.ofMinutes(3),
                () -> faults.count("select count(*) from report.enrollment where organization_pid = any(?)", (Object) pids)
                        == (long) rosters.size() * ROSTER_STUDENTS);
        Faults.await("every outbox is empty", Duration.ofMinutes(2), () -> faults.count("select count(*) from roster.outbox")
                + faults.count("select count(*) from followup.outbox") + faults.count("select count(*) from report.outbox") == 0);

        report.fact("Injected: while " + SAVERS + " teachers' threads save " + STUDENTS + " reports without pause and four "
                + ROSTER_STUDENTS + "-student rosters arrive one after the other, a second and a third instance of the report"
                + " service (same jar, database and consumer group `" + GROUP + "`, ports 10085 and 10086, each with the"
                + " service's 3 consumer threads per topic) started; then SIGKILL to the second, an orderly stop of the third");
        report.fact("Seeded: " + records + " OneRoster records (" + STUDENTS + " grade-12 students) through the roster service; "
                + savers.acknowledgedCount() + " saves answered 200; requests by status (0 = no answer): " + savers.statuses());
        report.fact("Extra instances ready (ms): " + readyMs + "; partitions each instance held once the group was stable"
                + " (`followup.reports.v1` and `roster.enrollments.v1`, 6 each): " + held);
        report.fact("At the SIGKILL the killed instance held " + killedPartitions + " partitions, with " + lag
                + " records on them not yet committed, " + appliedUncommitted + " of these already applied by it (its inbox rows"
                + " committed, its offsets not: delivered again to the instance that took the partition over); the first instance"
                + " held every partition again (the group stable without the killed and the stopped instance) " + takeover
                + " ms after the kill (the killed instance's session had to time out)");
        report.check("after the kill and the stop the first instance holds every partition of both topics",
                "6 reports + 6 enrollments".equals(held.get("one instance again").get(Faults.REPORT)),
                held.get("one instance again") + "");
        report.check("two instances shared the work (each held partitions of both topics)", shared2, held.get("two instances") + "");
        report.check("three instances shared the work (each held partitions of both topics)", shared3, held.get("three instances") + "");
        ReportsDownstream.check(report, faults, school, savers.acknowledged());
        long versions = faults.count("""
                select count(*) from report.report_version v join followup.report f on f.id = v.report_id
                where f.organization_pid = ?""", school.pid);
        long committed = faults.count("select coalesce(sum(version), 0) from followup.report where organization_pid = ?", school.pid);
        report.check("every committed version entered the read model's version history exactly once", committed, versions,
                "report_version rows");
        long appliedOutOfOrder = faults.count("""
                select count(*) from (
                    select xmin::text::bigint as tx, lag(xmin::text::bigint) over (partition by report_id order by version) as before
                    from report.report_version where organization_pid = ?) v
                where v.before > v.tx""", school.pid);
        report.check("each report's versions were applied in version order (report_version rows by transaction id)", 0,
                appliedOutOfOrder, "versions applied after a newer one");
        EnrollmentsDownstream.check(report, faults, rosters, ROSTER_STUDENTS);
        report.writeAndAssert();
    }

    /**
     * Events on {@code partitions} past the group's committed offsets that the report service's inbox
     * already holds: applied by the instance that held them, whose offsets died with it (they come again).
     */
    private static long appliedNotCommitted(Faults faults, ConsumerGroups groups, Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> committed = groups.committed(GROUP);
        List<String> ids = new ArrayList<>();
        for (String topic : List.of(ReportsDownstream.TOPIC, "roster.enrollments.v1")) {
            TopicRecords.read(faults.brokers(), topic, (java.util.function.Predicate<TopicRecords.Rec>) r -> {
                TopicPartition p = new TopicPartition(topic, r.partition());
                return partitions.contains(p) && r.offset() >= committed.getOrDefault(p, 0L);
            }).forEach(r -> ids.add(r.id()));
        }
        return faults.count("select count(*) from report.inbox where consumer in ('report.reports', 'report.enrollments')"
                + " and event_id = any(?)", (Object) ids.toArray(String[]::new));
    }

    private static SchoolRoster sendRoster(Faults faults, int n) {
        SchoolRoster roster = new SchoolRoster("faults-sis-4-" + n, String.valueOf(30_400 + n), String.valueOf(900_400 + n),
                String.valueOf(340 + n), ROSTER_STUDENTS);
        roster.send(faults.brokers());
        return roster;
    }

    /** The stable group's members once {@code joining} members beyond {@code known} are in it (bounded wait). */
    private static Map<String, Set<TopicPartition>> stableMembers(ConsumerGroups groups, Set<String> known, int joining) {
        List<Map<String, Set<TopicPartition>>> found = new ArrayList<>();
        Faults.await("group " + GROUP + " is stable with " + joining + " new member(s)", Duration.ofSeconds(90), () -> {
            Map<String, Set<TopicPartition>> members = groups.assignments(GROUP);
            if (members.isEmpty() || members.keySet().stream().filter(m -> !known.contains(m)).count() < joining) {
                return false;
            }
            found.add(members);
            return true;
        });
        return found.get(found.size() - 1);
    }

    /** The member ids that joined since the instances in {@code membersOf} were recorded: the new instance's. */
    private static Set<String> newMembers(ConsumerGroups groups, Map<String, Set<String>> membersOf) {
        Set<String> known = new HashSet<>();
        membersOf.values().forEach(known::addAll);
        Set<String> fresh = new HashSet<>(stableMembers(groups, known, membersOf.get(Faults.REPORT).size()).keySet());
        fresh.removeAll(known);
        return fresh;
    }

    /** Records how many partitions of each topic every instance holds; true when each holds some of both. */
    private static boolean sample(ConsumerGroups groups, Map<String, Set<String>> membersOf, String when,
            Map<String, Map<String, String>> held) {
        List<Map<String, Set<TopicPartition>>> stable = new ArrayList<>();
        Faults.await("group " + GROUP + " is stable", Duration.ofSeconds(60), () -> {
            Map<String, Set<TopicPartition>> members = groups.assignments(GROUP);
            stable.add(members);
            return !members.isEmpty();
        });
        Map<String, Set<TopicPartition>> members = stable.get(stable.size() - 1);
        Map<String, String> counts = new TreeMap<>();
        boolean shared = true;
        for (Map.Entry<String, Set<String>> instance : membersOf.entrySet()) {
            int reports = 0;
            int enrollments = 0;
            for (String member : instance.getValue()) {
                for (TopicPartition p : members.getOrDefault(member, Set.of())) {
                    if (p.topic().equals(ReportsDownstream.TOPIC)) {
                        reports++;
                    } else if (p.topic().equals("roster.enrollments.v1")) {
                        enrollments++;
                    }
                }
            }
            counts.put(instance.getKey(), reports + " reports + " + enrollments + " enrollments");
            shared &= reports > 0 && enrollments > 0;
        }
        held.put(when, counts);
        return shared;
    }
}
