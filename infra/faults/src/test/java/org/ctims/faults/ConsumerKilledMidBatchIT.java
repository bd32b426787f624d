package org.ctims.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 3: consumers killed (SIGKILL) after part of what they were given, before their offsets were
 * committed: the roster service once it has stored part of a roster, then the report service once it
 * has applied part of the enrollment events. Kafka delivers the uncommitted records again after the
 * restart; nothing may be counted twice.
 */
@ExtendWith(FaultStack.class)
class ConsumerKilledMidBatchIT {

    static final int STUDENTS = 1000;

    @Test
    void consumersKilledMidBatchGetTheRecordsAgainAndCountEachOnce(Faults faults) {
        FaultReport report = new FaultReport(3, "A consumer killed after part of a batch, before committing offsets");
        int rounds = Faults.rounds();
        List<SchoolRoster> rosters = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int records = 0;
        try (ConsumerGroups groups = new ConsumerGroups(faults.brokers())) {
        for (int round = 0; round < rounds; round++) {
            SchoolRoster roster = new SchoolRoster("faults-sis-3-" + round, String.valueOf(30_300 + round),
                    String.valueOf(900_300 + round), String.valueOf(330 + round), STUDENTS);
            rosters.add(roster);
            Faults.await("the roster and report consumers have caught up", Duration.ofMinutes(2),
                    () -> groups.lag("roster") == 0 && groups.lag("report") == 0);
            long rosterApplied = faults.count("select count(*) from roster.inbox where consumer = 'roster.oneroster'");
            long rosterCommitted = groups.committedOn("roster", "sis.oneroster.v1");
            long reportApplied = faults.count("select count(*) from report.inbox where consumer = 'report.enrollments'");
            long reportCommitted = groups.committedOn("report", "roster.enrollments.v1");
            records += roster.send(faults.brokers());
            Faults.await("the roster service has stored part of the roster", Duration.ofMinutes(2),
                    () -> faults.count("select count(*) from roster.enrollment where sis = ?", roster.sis) > 0);
            faults.stack().killPart(Faults.ROSTER);
            // applied in the database but not committed to Kafka when the process died: delivered again after the restart
            long rosterUncommitted = faults.count("select count(*) from roster.inbox where consumer = 'roster.oneroster'")
                    - rosterApplied - (groups.committedOn("roster", "sis.oneroster.v1") - rosterCommitted);
            long rosterAtKill = faults.count("select count(*) from roster.enrollment where sis = ?", roster.sis);
            long rosterInboxAtKill = faults.count("select count(*) from roster.inbox where consumer = 'roster.oneroster'"
                    + " and event_id = any(?)", (Object) roster.eventIds().toArray(String[]::new));
            long rosterRestart = faults.stack().restartPart(Faults.ROSTER).toMillis();
            Faults.await("the report service has applied part of the enrollment events", Duration.ofMinutes(2),
                    () -> faults.count("select count(*) from report.enrollment where organization_pid = ?", roster.pid) > 0);
            faults.stack().killPart(Faults.REPORT);
            long reportUncommitted = faults.count("select count(*) from report.inbox where consumer = 'report.enrollments'")
                    - reportApplied - (groups.committedOn("report", "roster.enrollments.v1") - reportCommitted);
            long reportAtKill = faults.count("select count(*) from report.enrollment where organization_pid = ?", roster.pid);
            long reportRestart = faults.stack().restartPart(Faults.REPORT).toMillis();
            notes.add("Round " + (round + 1) + ": roster service killed with " + rosterInboxAtKill + " of " + roster.records().size()
                    + " records applied (" + rosterAtKill + " of " + STUDENTS + " enrollments), " + rosterUncommitted
                    + " of them applied but their offsets not committed, ready again in " + rosterRestart
                    + " ms; report service killed with " + reportAtKill + " of " + STUDENTS + " enrollments applied, "
                    + reportUncommitted + " events applied but not committed, ready again in " + reportRestart + " ms");
        }
        }
        for (SchoolRoster roster : rosters) {
            Faults.await("the roster is whole in every service", Duration.ofMinutes(4), () ->
                    faults.count("select count(*) from roster.enrollment where sis = ?", roster.sis) == STUDENTS
                            && faults.count("select count(*) from followup.report where organization_pid = ?", roster.pid) == STUDENTS
                            && faults.count("select count(*) from report.enrollment where organization_pid = ?", roster.pid) == STUDENTS
                            && faults.count("select count(*) from roster.outbox") == 0);
        }

        report.fact("Injected: SIGKILL to the roster service as soon as it had stored part of a " + STUDENTS
                + "-student roster (its batch consumer applies a poll in one transaction, then commits the offsets), then to the"
                + " report service as soon as it had applied part of that roster's enrollment events; each started again at"
                + " once; " + rounds + " round(s) in this run");
        report.fact("Records: " + records + " OneRoster records sent (acks=all)");
        notes.forEach(report::fact);
        EnrollmentsDownstream.check(report, faults, rosters, STUDENTS);
        report.writeAndAssert();
    }
}
