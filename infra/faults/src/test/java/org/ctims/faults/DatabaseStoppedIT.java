package org.ctims.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 5: PostgreSQL stopped while teachers save and an SIS sends a roster, started again
 * {@value #OUTAGE_SECONDS} s later. While it is down the API answers 503 with problem details and
 * saves nothing; afterwards the consumers resume and nothing went to a dead-letter topic.
 */
@ExtendWith(FaultStack.class)
class DatabaseStoppedIT {

    static final int OUTAGE_SECONDS = 30;
    static final int SAVED_STUDENTS = 20;
    static final int SENT_STUDENTS = 200;
    static final List<String> DEAD_LETTER_TOPICS = List.of("error.sis.oneroster.v1.roster", "error.roster.enrollments.v1.followup",
            "error.roster.enrollments.v1.report", "error.followup.reports.v1.report");

    @Test
    void whileTheDatabaseIsDownTheApiAnswers503AndNothingIsHalfSavedOrDeadLettered(Faults faults) throws Exception {
        FaultReport report = new FaultReport(5, "PostgreSQL stopped and started");
        SchoolRoster saving = new SchoolRoster("faults-sis-5a", "30005", "900005", "305", SAVED_STUDENTS);
        saving.send(faults.brokers());
        FollowupApi api = new FollowupApi(faults, saving);
        Faults.await("the follow-up service lists the " + SAVED_STUDENTS + " students", Duration.ofMinutes(3),
                () -> api.list().size() == SAVED_STUDENTS);
        List<FollowupApi.Row> reports = api.list();

        int rounds = Faults.rounds();
        List<Savers.Ack> acks = new ArrayList<>();
        Map<Integer, Integer> outageStatuses = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        List<SchoolRoster> sent = new ArrayList<>();
        long problemAnswers = 0;
        long sample = 0;
        Map<String, Long> deadLettersBefore = deadLetters(faults);
        long consumerWaitsBefore = consumerWaits(faults);
        long answeredWhileDown = 0;
        for (int round = 0; round < rounds; round++) {
            // the saves go on while PostgreSQL stops: events are on their way through relay and consumers then
            Savers savers = new Savers(api, reports, 2).start();
            savers.awaitMoreAcks(20, Duration.ofMinutes(1));
            Map<Integer, Integer> before = savers.statuses();
            faults.stack().stopPart(Faults.POSTGRES);
            long down = System.nanoTime();
            SchoolRoster roster = new SchoolRoster("faults-sis-5b-" + round, String.valueOf(30_500 + round),
                    String.valueOf(900_500 + round), String.valueOf(350 + round), SENT_STUDENTS);
            int records = roster.send(faults.brokers());
            sent.add(roster);
            while (System.nanoTime() - down < Duration.ofSeconds(OUTAGE_SECONDS).toNanos()) {
                FollowupApi.Answer answer = api.save(reports.get(0).id(), reports.get(0).version(), "unknown");
                sample++;
                if (answer.status() == 503 && answer.contentType().startsWith("application/problem+json")
                        && answer.body().contains("urn:ctims:problem:unavailable")) {
                    problemAnswers++;
                }
                Thread.sleep(1000);
            }
            long up = System.nanoTime();
            savers.statuses().forEach((status, n) -> {
                if (n > before.getOrDefault(status, 0)) {
                    outageStatuses.merge(status, n - before.getOrDefault(status, 0), Integer::sum);
                }
            });
            long restart = faults.stack().restartPart(Faults.POSTGRES).toMillis();
            // a save answered from a second after the stop returned until the start began would have been saved nowhere
            // (the second: a save committed just before the stop may still be on its way back)
            long from = down + Duration.ofSeconds(1).toNanos();
            answeredWhileDown += savers.acknowledged().stream().filter(a -> a.answeredAt() > from && a.answeredAt() < up).count();
            savers.awaitMoreAcks(20, Duration.ofMinutes(2));
            savers.close();
            acks.addAll(savers.acknowledged());
            reports = api.list();
            notes.add("Round " + (round + 1) + ": PostgreSQL stopped while 2 threads saved, down " + OUTAGE_SECONDS
                    + " s (ready again " + restart + " ms after its start); " + records + " OneRoster records ("
                    + SENT_STUDENTS + " students) sent while it was down");
        }
        for (SchoolRoster roster : sent) {
            Faults.await("the roster sent during the outage is in every service", Duration.ofMinutes(4), () ->
                    faults.count("select count(*) from roster.enrollment where sis = ?", roster.sis) == SENT_STUDENTS
                            && faults.count("select count(*) from followup.report where organization_pid = ?", roster.pid) == SENT_STUDENTS
                            && faults.count("select count(*) from report.enrollment where organization_pid = ?", roster.pid) == SENT_STUDENTS);
        }
        ReportsDownstream.awaitDrained(faults, saving, Duration.ofMinutes(2));

        report.fact("Injected: the embedded PostgreSQL server all three services use stopped (its own shutdown) for "
                + OUTAGE_SECONDS + " s, then started on its data; " + rounds + " round(s) in this run");
        notes.forEach(report::fact);
        report.check("no save answered 200 while the database was down", 0, answeredWhileDown,
                "saves answered 200 (the savers' requests from the stop to the start, by status: " + outageStatuses + ")");
        report.check("no request failed with 500 (internal) while the database stopped or was down",
                outageStatuses.getOrDefault(500, 0) == 0, outageStatuses.getOrDefault(500, 0) + " answers 500");
        report.check("the API answered 503 problem details (urn:ctims:problem:unavailable) while it was down", sample,
                problemAnswers, "of " + sample + " probe saves (one a second)");
        report.check("the roster sent during the outage: enrollments in roster, follow-up and report service",
                3L * SENT_STUDENTS * rounds, sent.stream().mapToLong(r ->
                        faults.count("select count(*) from roster.enrollment where sis = ?", r.sis)
                                + faults.count("select count(*) from followup.report where organization_pid = ?", r.pid)
                                + faults.count("select count(*) from report.enrollment where organization_pid = ?", r.pid)).sum(),
                "rows");
        report.check("no record of that roster rejected", 0, sent.stream().mapToLong(r ->
                faults.count("select count(*) from roster.rejected_record where sis = ?", r.sis)).sum(), "rejections");
        report.fact("Consumers that met the outage and waited for the database (log lines of the three services): "
                + (consumerWaits(faults) - consumerWaitsBefore));
        Map<String, Long> deadLettersAfter = deadLetters(faults);
        long newDeadLetters = DEAD_LETTER_TOPICS.stream()
                .mapToLong(t -> deadLettersAfter.get(t) - deadLettersBefore.get(t)).sum();
        report.check("consumers resumed without sending anything to a dead-letter topic (" + String.join(", ", DEAD_LETTER_TOPICS)
                + ")", 0, newDeadLetters, "new records");
        report.check("no outbox row left behind (roster, follow-up, report)", 0, faults.count("select count(*) from roster.outbox")
                + faults.count("select count(*) from followup.outbox") + faults.count("select count(*) from report.outbox"),
                "outbox rows");
        ReportsDownstream.check(report, faults, saving, acks);
        report.writeAndAssert();
    }

    private static long consumerWaits(Faults faults) {
        return List.of(Faults.ROSTER, Faults.FOLLOWUP, Faults.REPORT).stream()
                .mapToLong(part -> faults.logLines(part, "The database is unreachable")).sum();
    }

    private static Map<String, Long> deadLetters(Faults faults) {
        Map<String, Long> counts = new TreeMap<>();
        for (String topic : DEAD_LETTER_TOPICS) {
            counts.put(topic, (long) TopicRecords.read(faults.brokers(), topic, (Predicate<TopicRecords.Rec>) r -> true).size());
        }
        return counts;
    }
}
