package org.ctims.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 1: the Kafka broker is killed (SIGKILL) while the roster service ingests a school's roster,
 * teachers of another school keep saving while it is down, and the broker is started again: every
 * OneRoster record sent ends as its enrollment rows and events in every service, none lost or doubled,
 * and the saves made during the outage reach the reports once.
 */
@ExtendWith(FaultStack.class)
class BrokerKilledMidIngestIT {

    static final int INGESTED_STUDENTS = 1000;
    static final int SAVED_STUDENTS = 20;
    static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void aRosterIngestedAcrossABrokerCrashArrivesWholeOnceAndSavesKeepCommittingMeanwhile(Faults faults) throws Exception {
        FaultReport report = new FaultReport(1, "Kafka broker killed mid-ingest of a roster, and restarted");
        SchoolRoster saving = new SchoolRoster("faults-sis-1a", "30011", "900011", "311", SAVED_STUDENTS);
        saving.send(faults.brokers());
        FollowupApi api = new FollowupApi(faults, saving);
        Faults.await("the follow-up service lists the " + SAVED_STUDENTS + " students", Duration.ofMinutes(3),
                () -> api.list().size() == SAVED_STUDENTS);
        List<FollowupApi.Row> reports = api.list();

        int rounds = Faults.rounds();
        int records = 0;
        Set<String> ingestPids = new HashSet<>();
        Set<String> sisNames = new HashSet<>();
        List<SchoolRoster> ingests = new java.util.ArrayList<>();
        List<String> roundNotes = new java.util.ArrayList<>();
        List<Savers.Ack> acks = new java.util.ArrayList<>();
        Map<Integer, Integer> outageStatuses = new java.util.TreeMap<>();
        long followupOutboxPeak = 0;
        for (int round = 0; round < rounds; round++) {
            SchoolRoster ingest = new SchoolRoster("faults-sis-1b-" + round, String.valueOf(30_100 + round),
                    String.valueOf(900_100 + round), String.valueOf(320 + round), INGESTED_STUDENTS);
            ingests.add(ingest);
            records += ingest.send(faults.brokers());
            ingestPids.add(ingest.pid);
            sisNames.add(ingest.sis);
            Faults.await("the roster service has stored part of the roster", Duration.ofMinutes(2),
                    () -> faults.count("select count(*) from roster.enrollment where sis = ?", ingest.sis) > 0);
            faults.stack().killPart(Faults.KAFKA);
            String at = "kill " + (round + 1) + ": roster service had stored "
                    + faults.count("select count(*) from roster.enrollment where sis = ?", ingest.sis) + " of "
                    + INGESTED_STUDENTS + " enrollments, " + faults.count("select count(*) from roster.outbox")
                    + " enrollment events waiting in its outbox; the follow-up service had "
                    + faults.count("select count(*) from followup.report where organization_pid = ?", ingest.pid)
                    + " of the reports";

            Savers savers = new Savers(api, reports, 2).start();
            Thread.sleep(OUTAGE.toMillis());
            savers.close();
            acks.addAll(savers.acknowledged());
            savers.statuses().forEach((status, n) -> outageStatuses.merge(status, n, Integer::sum));
            followupOutboxPeak = Math.max(followupOutboxPeak, faults.count("select count(*) from followup.outbox"));
            reports = api.list();

            long restart = faults.stack().restartPart(Faults.KAFKA).toMillis();
            roundNotes.add(at + "; " + savers.acknowledgedCount() + " saves answered while the broker was down; broker ready"
                    + " again in " + restart + " ms");
        }

        Faults.await("every enrollment of the ingested rosters is in every service", Duration.ofMinutes(5), () ->
                faults.count("select count(*) from roster.enrollment where sis = any(?)", (Object) sisNames.toArray(String[]::new))
                        == (long) rounds * INGESTED_STUDENTS
                && faults.count("select count(*) from followup.report where organization_pid = any(?)",
                        (Object) ingestPids.toArray(String[]::new)) == (long) rounds * INGESTED_STUDENTS
                && faults.count("select count(*) from report.enrollment where organization_pid = any(?)",
                        (Object) ingestPids.toArray(String[]::new)) == (long) rounds * INGESTED_STUDENTS
                && faults.count("select count(*) from roster.outbox") == 0);
        ReportsDownstream.awaitDrained(faults, saving, Duration.ofMinutes(2));

        report.fact("Injected: SIGKILL to the broker (broker and controller in one process) while the roster service"
                + " ingested a roster of " + INGESTED_STUDENTS + " students; " + OUTAGE.toSeconds() + " s later the broker"
                + " was started again on its data; " + rounds + " kill(s) in this run, each with a new roster");
        report.fact("Records: " + records + " OneRoster records sent (acks=all) for " + rounds * INGESTED_STUDENTS
                + " enrollments; " + SAVED_STUDENTS + " reports of another school saved by 2 threads during each outage");
        roundNotes.forEach(report::fact);
        report.check("saves kept committing while the broker was down (every save answered 200)",
                !acks.isEmpty() && outageStatuses.keySet().equals(Set.of(200)),
                acks.size() + " saves; requests by status " + outageStatuses + "; up to " + followupOutboxPeak
                        + " events waiting in the follow-up outbox");
        EnrollmentsDownstream.check(report, faults, ingests, INGESTED_STUDENTS);
        ReportsDownstream.check(report, faults, saving, acks);
        report.writeAndAssert();
    }
}
