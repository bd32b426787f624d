package org.ctims.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 2: the follow-up service is killed (SIGKILL) during a burst of saves, while saves are
 * committed with their outbox rows but not yet relayed to Kafka, and started again. Every save that
 * answered 200 must have exactly one effect downstream.
 */
@ExtendWith(FaultStack.class)
class FollowupKilledMidSaveIT {

    static final int STUDENTS = 40;
    static final int SAVERS = 4;

    @Test
    void everyAnsweredSaveReachesTheReportsOnceAfterTheServiceIsKilledMidBurst(Faults faults) throws Exception {
        SchoolRoster school = new SchoolRoster("faults-sis-2", "30002", "900002", "302", STUDENTS);
        FaultReport report = new FaultReport(2, "Follow-up service killed between the database commit and the relay to Kafka");
        int records = school.send(faults.brokers());
        FollowupApi api = new FollowupApi(faults, school);
        Faults.await("the follow-up service lists the " + STUDENTS + " students", Duration.ofMinutes(3),
                () -> api.list().size() == STUDENTS);

        int rounds = Faults.rounds();
        List<Long> pendingAtKill = new ArrayList<>();
        List<Long> restarts = new ArrayList<>();
        Savers savers = new Savers(api, api.list(), SAVERS).start();
        try (savers) {
            for (int round = 0; round < rounds; round++) {
                savers.awaitMoreAcks(30, Duration.ofMinutes(2));
                // kill while the outbox holds committed events the relay has not delivered yet (bounded wait)
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (faults.count("select count(*) from followup.outbox") == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                faults.stack().killPart(Faults.FOLLOWUP);
                pendingAtKill.add(faults.count("select count(*) from followup.outbox"));
                restarts.add(faults.stack().restartPart(Faults.FOLLOWUP).toMillis());
            }
            savers.awaitMoreAcks(30, Duration.ofMinutes(2));
        }
        ReportsDownstream.awaitDrained(faults, school, Duration.ofMinutes(2));

        report.fact("Injected: SIGKILL to the follow-up service's JVM during a burst of saves by " + SAVERS
                + " concurrent teachers' threads on " + STUDENTS + " reports, then the same jar started again; "
                + rounds + " kill(s) in this run (`-Dctims.faults.rounds`)");
        report.fact("Seeded: " + records + " OneRoster records (" + STUDENTS + " grade-12 students) through the roster"
                + " service; " + savers.acknowledgedCount() + " saves answered 200; requests by status (0 = no answer): "
                + savers.statuses());
        report.fact("Outbox rows committed but not yet relayed at each kill: " + pendingAtKill
                + "; restart until ready (ms): " + restarts);
        ReportsDownstream.check(report, faults, school, savers.acknowledged());
        report.check("the kill left committed events not yet relayed (the fault happened between commit and relay)",
                pendingAtKill.stream().allMatch(n -> n > 0), pendingAtKill + " outbox rows at the kill(s)");
        report.check("saves were in flight when the service died (some got no answer)",
                savers.statuses().getOrDefault(0, 0) > 0, savers.statuses().getOrDefault(0, 0) + " requests without an answer");
        report.writeAndAssert();
    }
}
